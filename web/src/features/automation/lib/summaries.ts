/**
 * One line saying what a trigger or component does, from its settings ("summary contains
 * printer", "POST https://…"): under the card's title, and for cards folded away.
 */
import { listValue, optionLabel, textValue } from './fieldKinds';
import type { Settings } from './ruleTree';

const MAX = 120;

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

const text = (settings: Settings, name: string) => textValue(settings[name]);
const list = (settings: Settings, name: string) => listValue(settings[name]).join(', ');
const join = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');

export function summarizeComponent(type: string, settings: Settings): string {
  switch (type) {
    case 'issueFields': {
      const op = text(settings, 'operator');
      const value = text(settings, 'value') || list(settings, 'values');
      return clip(join(text(settings, 'field'), op ? optionLabel(op) : '', /Empty$/.test(op) ? '' : value));
    }
    case 'compare': {
      const op = text(settings, 'operator');
      return clip(join(text(settings, 'first'), op ? optionLabel(op) : '', text(settings, 'second')));
    }
    case 'user': {
      const op = text(settings, 'operator');
      return clip(join(optionLabel(text(settings, 'user') || 'initiator'), op ? optionLabel(op) : '', list(settings, 'values')));
    }
    case 'jql':
    case 'lookupIssues':
      return clip(text(settings, 'jql'));
    case 'comment':
      return clip(join(settings.internal === true ? 'Internal note:' : '', text(settings, 'body')));
    case 'editIssue': {
      const fields = settings.fields;
      return typeof fields === 'object' && fields !== null && !Array.isArray(fields)
        ? clip(`Sets ${Object.keys(fields).join(', ')}`)
        : '';
    }
    case 'transitionIssue':
      return text(settings, 'to') ? clip(`To ${text(settings, 'to')}`) : '';
    case 'assignIssue':
      return clip(text(settings, 'assignee'));
    case 'webRequest':
      return clip(join(text(settings, 'method') || 'POST', text(settings, 'url')));
    case 'sendEmail':
      return clip(join(list(settings, 'to') ? `To ${list(settings, 'to')}:` : '', text(settings, 'subject')));
    case 'createIssue':
      return clip(join(text(settings, 'issueType') ? `${text(settings, 'issueType')}:` : '', text(settings, 'summary')));
    case 'createSubtasks':
      return clip(list(settings, 'subtasks'));
    case 'linkIssues':
      return clip(join(text(settings, 'linkType'), text(settings, 'issue')));
    case 'createVariable':
      return text(settings, 'name') ? clip(`{{${text(settings, 'name')}}} = ${text(settings, 'value')}`) : '';
    case 'log':
      return clip(text(settings, 'message'));
    default: {
      const first = Object.values(settings).find((v) => typeof v === 'string' && v.trim() !== '');
      return typeof first === 'string' ? clip(first) : '';
    }
  }
}

export function summarizeTrigger(type: string, settings: Settings): string {
  switch (type) {
    case 'issueTransitioned': {
      const from = list(settings, 'fromStatus');
      const to = list(settings, 'toStatus');
      return clip(join(from ? `From ${from}` : '', to ? `${from ? 'to' : 'To'} ${to}` : ''));
    }
    case 'fieldValueChanged':
      return clip(list(settings, 'fields'));
    case 'issueCommented':
      return text(settings, 'commentType') ? optionLabel(text(settings, 'commentType')) : '';
    case 'issueLinked':
      return clip(text(settings, 'linkType'));
    case 'deploymentReceived': {
      const env = text(settings, 'environmentType');
      const state = text(settings, 'state');
      const parts = [env && env !== 'any' ? env : '', state && state !== 'any' ? optionLabel(state.replace(/_/g, ' ')) : ''];
      return clip(parts.filter((p) => p !== '').join(' · '));
    }
    case 'scheduled':
      return clip(
        join(text(settings, 'cron'), text(settings, 'timeZone') ? `(${text(settings, 'timeZone')})` : '', text(settings, 'jql') ? `· ${text(settings, 'jql')}` : ''),
      );
    default:
      return '';
  }
}
