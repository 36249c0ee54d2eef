import { describe, expect, it } from 'vitest';
import { deploymentStateColor, deploymentStateLabel, formatPercent, riskColor } from './changeRisk';

describe('changeRisk', () => {
  it('colours risk levels from green to red, grey when unknown', () => {
    expect(['Low', 'Medium', 'High', 'Critical'].map(riskColor)).toEqual(['green', 'yellow', 'orange', 'red']);
    expect(riskColor(null)).toBe('gray');
    expect(riskColor('Extreme')).toBe('gray');
  });

  it('labels and colours deployment states', () => {
    expect(deploymentStateLabel('rolled_back')).toBe('Rolled back');
    expect(deploymentStateColor('successful')).toBe('green');
    expect(deploymentStateColor('failed')).toBe('red');
    expect(deploymentStateLabel('exploded')).toBe('exploded');
    expect(deploymentStateColor('exploded')).toBe('gray');
  });

  it('formats ratios as percentages with at most one decimal', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.25)).toBe('25%');
    expect(formatPercent(1 / 6)).toBe('16.7%');
    expect(formatPercent(0.08333)).toBe('8.3%');
  });
});
