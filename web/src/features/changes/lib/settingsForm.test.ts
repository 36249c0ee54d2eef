import { describe, expect, it } from 'vitest';
import { settings } from '../testing/fixtures';
import {
  describeApprovers,
  describeRequired,
  describeScope,
  errorArea,
  parseSteps,
  settingsWith,
  stepIndex,
  toggleEnvironment,
} from './settingsForm';

describe('settings form', () => {
  it('switches environment types on and off in their order', () => {
    expect(toggleEnvironment(['production'], 'development', true)).toEqual(['development', 'production']);
    expect(toggleEnvironment(['staging', 'production'], 'production', false)).toEqual(['staging']);
  });

  it('places server errors by their field', () => {
    expect(errorArea('deployments.project')).toBe('project');
    expect(errorArea('deployments.gatedEnvironmentTypes')).toBe('environments');
    expect(errorArea('leadTime')).toBe('leadTime');
    expect(errorArea('riskModel.questions')).toBe('riskModel');
    expect(errorArea('approvalSteps[2].required.kind')).toBe('approvalSteps');
    expect(errorArea('extra')).toBe('form');
    expect(errorArea(undefined)).toBe('form');
    expect(stepIndex('approvalSteps[2].required.kind')).toBe(2);
    expect(stepIndex('approvalSteps')).toBeUndefined();
  });

  it('describes approval steps', () => {
    const [auto, cab] = settings.approvalSteps;
    expect(describeApprovers(auto!)).toBe('Automation (policy)');
    expect(describeApprovers({ approvers: [{ type: 'serviceOwner' }, { type: 'field' }, { type: 'user', username: 'mitch' }] })).toBe(
      'Service owners, The Approvers field, mitch',
    );
    expect(describeApprovers(cab!)).toBe('Team Change Advisory Board');
    expect(describeRequired({ kind: 'count', value: 2 })).toBe('2 approvals');
    expect(describeRequired({ kind: 'percent', value: 50 })).toBe('50%');
    expect(describeScope({ changeTypes: [], risks: [] })).toBe('All types · any risk');
    expect(describeScope(cab!)).toBe('Normal · High, Critical risk');
  });

  it('parses edited steps', () => {
    expect(parseSteps('[{"name": "x"}]')).toEqual({ steps: [{ name: 'x' }] });
    expect(parseSteps('{"name": "x"}')).toEqual({ error: 'The approval steps must be a JSON list ([ … ])' });
    expect(parseSteps('[1]')).toEqual({ error: 'Step 1 must be an object ({ … })' });
    expect(parseSteps('[')).toHaveProperty('error');
  });

  it('keeps what the form does not edit', () => {
    const next = settingsWith(settings, {
      project: 'OPS',
      changeEnvironmentTypes: [],
      gatedEnvironmentTypes: ['production'],
      block: true,
      approvalSteps: [],
    });
    expect(next.riskModel).toBe(settings.riskModel);
    expect(next.leadTime).toEqual({ objectType: 'Lead Time', block: true });
    expect(next.deployments).toEqual({ project: 'OPS', changeEnvironmentTypes: [], gatedEnvironmentTypes: ['production'] });
  });
});
