// JQL lexer: query text → tokens with byte spans. Words (unquoted values and identifiers),
// quoted strings (double or single quotes, backslash escapes), operators and punctuation.
// Keywords are recognised by the parser from words, case-insensitively.
//
// Thread-safety: pure functions.
#pragma once
#include "base/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace steward::query {

// A byte range of the query text, with the 1-based line and column of its start.
struct Span {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

enum class TokenKind {
  kWord,      // unquoted: field names, keywords, values such as ITO-12, -7d, 2025-01-31
  kString,    // quoted: text holds the unescaped value
  kEq,        // =
  kNe,        // !=
  kLt,        // <
  kLe,        // <=
  kGt,        // >
  kGe,        // >=
  kTilde,     // ~
  kNotTilde,  // !~
  kComma,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kAmpAmp,  // && (AND)
  kBarBar,  // || (OR)
  kBang,    // ! (NOT)
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // kWord: as written; kString: unescaped contents
  Span span;
};

std::string_view TokenKindName(TokenKind k);

// A lexical or syntax error at a place in the query.
struct QueryError {
  std::string code;  // "query.syntax", "query.unknownField", "query.badOperator", "query.badValue"
  std::string message;
  Span span;
};

// Limits that keep hostile input cheap: longer queries or more tokens are refused.
constexpr std::size_t kMaxQueryBytes = 16 * 1024;
constexpr std::size_t kMaxTokens = 2000;

// Tokens of `text`, ending with one kEnd token; or the first lexical error.
std::variant<std::vector<Token>, QueryError> Lex(std::string_view text);

}  // namespace steward::query
