#include "query/lexer.h"

#include <variant>

namespace steward::query {

std::string_view TokenKindName(TokenKind k) {
  switch (k) {
    case TokenKind::kWord:
      return "a word";
    case TokenKind::kString:
      return "a quoted string";
    case TokenKind::kEq:
      return "\"=\"";
    case TokenKind::kNe:
      return "\"!=\"";
    case TokenKind::kLt:
      return "\"<\"";
    case TokenKind::kLe:
      return "\"<=\"";
    case TokenKind::kGt:
      return "\">\"";
    case TokenKind::kGe:
      return "\">=\"";
    case TokenKind::kTilde:
      return "\"~\"";
    case TokenKind::kNotTilde:
      return "\"!~\"";
    case TokenKind::kComma:
      return "\",\"";
    case TokenKind::kLParen:
      return "\"(\"";
    case TokenKind::kRParen:
      return "\")\"";
    case TokenKind::kLBracket:
      return "\"[\"";
    case TokenKind::kRBracket:
      return "\"]\"";
    case TokenKind::kAmpAmp:
      return "\"&&\"";
    case TokenKind::kBarBar:
      return "\"||\"";
    case TokenKind::kBang:
      return "\"!\"";
    case TokenKind::kEnd:
      return "the end of the query";
  }
  return "?";
}

namespace {

bool IsWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || c == '+' || c == '/' || c == ':' || c == '@' || c == '*' ||
         c >= 0x80;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::variant<std::vector<Token>, QueryError> Run() {
    std::vector<Token> out;
    if (text_.size() > kMaxQueryBytes) {
      return QueryError{"query.tooLong",
                        "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes",
                        Here(0)};
    }
    while (true) {
      SkipSpace();
      if (out.size() >= kMaxTokens) {
        return QueryError{"query.tooLong",
                          "the query has more than " + std::to_string(kMaxTokens) + " tokens",
                          Here(0)};
      }
      if (pos_ >= text_.size()) {
        out.push_back(Token{TokenKind::kEnd, "", Here(0)});
        return out;
      }
      unsigned char c = text_[pos_];
      Span start = Here(1);
      auto simple = [&](TokenKind k, std::uint32_t n) {
        start.length = n;
        out.push_back(Token{k, std::string(text_.substr(pos_, n)), start});
        Advance(n);
      };
      auto next = [&](char want) { return pos_ + 1 < text_.size() && text_[pos_ + 1] == want; };
      switch (c) {
        case '=':
          simple(TokenKind::kEq, 1);
          continue;
        case '~':
          simple(TokenKind::kTilde, 1);
          continue;
        case ',':
          simple(TokenKind::kComma, 1);
          continue;
        case '(':
          simple(TokenKind::kLParen, 1);
          continue;
        case ')':
          simple(TokenKind::kRParen, 1);
          continue;
        case '[':
          simple(TokenKind::kLBracket, 1);
          continue;
        case ']':
          simple(TokenKind::kRBracket, 1);
          continue;
        case '!':
          if (next('=')) {
            simple(TokenKind::kNe, 2);
          } else if (next('~')) {
            simple(TokenKind::kNotTilde, 2);
          } else {
            simple(TokenKind::kBang, 1);
          }
          continue;
        case '<':
          next('=') ? simple(TokenKind::kLe, 2) : simple(TokenKind::kLt, 1);
          continue;
        case '>':
          next('=') ? simple(TokenKind::kGe, 2) : simple(TokenKind::kGt, 1);
          continue;
        case '&':
          if (next('&')) {
            simple(TokenKind::kAmpAmp, 2);
            continue;
          }
          break;
        case '|':
          if (next('|')) {
            simple(TokenKind::kBarBar, 2);
            continue;
          }
          break;
        case '"':
        case '\'': {
          auto s = QuotedString(static_cast<char>(c));
          if (auto* err = std::get_if<QueryError>(&s)) {
            return *err;
          }
          out.push_back(std::get<Token>(std::move(s)));
          continue;
        }
        default:
          break;
      }
      if (IsWordChar(c)) {
        size_t end = pos_;
        while (end < text_.size() && IsWordChar(static_cast<unsigned char>(text_[end]))) {
          ++end;
        }
        simple(TokenKind::kWord, static_cast<std::uint32_t>(end - pos_));
        continue;
      }
      std::string shown =
          c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : "byte 0x" + Hex(c);
      return QueryError{
          "query.syntax",
          "unexpected character \"" + shown + "\": quote values that contain special characters",
          start};
    }
  }

 private:
  static std::string Hex(unsigned char c) {
    const char* digits = "0123456789abcdef";
    return {digits[c >> 4], digits[c & 15]};
  }

  Span Here(std::uint32_t length) const {
    return Span{static_cast<std::uint32_t>(pos_), length, line_, column_};
  }

  void Advance(size_t n) {
    for (size_t i = 0; i < n && pos_ < text_.size(); ++i) {
      if (text_[pos_] == '\n') {
        ++line_;
        column_ = 1;
      } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
        ++column_;  // columns count characters, not UTF-8 continuation bytes
      }
      ++pos_;
    }
  }

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      Advance(1);
    }
  }

  std::variant<Token, QueryError> QuotedString(char quote) {
    Span start = Here(0);
    std::string value;
    Advance(1);
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == quote) {
        Advance(1);
        start.length = static_cast<std::uint32_t>(pos_ - start.offset);
        return Token{TokenKind::kString, std::move(value), start};
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) {
          break;
        }
        char e = text_[pos_ + 1];
        value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        Advance(2);
        continue;
      }
      value += c;
      Advance(1);
    }
    start.length = static_cast<std::uint32_t>(text_.size() - start.offset);
    return QueryError{"query.syntax",
                      std::string("the quoted string is not closed: expected a closing ") +
                          (quote == '"' ? "\"" : "'"),
                      start};
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::uint32_t line_ = 1, column_ = 1;
};

}  // namespace

std::variant<std::vector<Token>, QueryError> Lex(std::string_view text) {
  return Lexer(text).Run();
}

}  // namespace steward::query
