import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  JsonInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBraces, IconInfoCircle, IconTable } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { isApiError } from '@/api/client';
import { useProjects } from '@/api/projects';
import { useCurrentUser } from '@/api/session';
import { PageError, errorMessage } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { usePageTitle } from '@/lib/usePageTitle';
import { useChangeSettings, useSaveChangeSettings } from '../api/settings';
import type { ApprovalStep, ChangeSettings, EnvironmentType } from '../api/types';
import type { SettingsArea } from '../lib/settingsForm';
import {
  ENVIRONMENT_TYPES,
  describeApprovers,
  describeRequired,
  describeScope,
  errorArea,
  parseSteps,
  settingsWith,
  stepIndex,
  stepsToJson,
  toggleEnvironment,
} from '../lib/settingsForm';
import tableClasses from '@/components/DataTable.module.css';
import classes from './Changes.module.css';

/**
 * /settings/change-management — how change enablement works: which deployments open change
 * requests and which wait for approval (gating), per environment type, and in which project; the
 * lead-time policy; the risk model's mapping to the CMDB (read-only); the approval steps (a table,
 * or JSON to edit). Administrators save with PUT; the server's error shows at the part it names.
 * Other staff see the settings read-only.
 */
export function ChangeSettingsPage() {
  usePageTitle('Change management');
  const settings = useChangeSettings();
  if (settings.isPending) return <PageLoader variant="skeleton" label="Loading the change management settings" />;
  if (settings.isError) return <PageError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm settings={settings.data} />;
}

type Errors = Partial<Record<SettingsArea, string>> & { step?: number | undefined };

function SettingsForm({ settings }: { settings: ChangeSettings }) {
  const me = useCurrentUser();
  const canEdit = me.kind === 'admin';
  const projects = useProjects();
  const save = useSaveChangeSettings();

  const [project, setProject] = useState(settings.deployments.project);
  const [changeTypes, setChangeTypes] = useState<EnvironmentType[]>(settings.deployments.changeEnvironmentTypes);
  const [gatedTypes, setGatedTypes] = useState<EnvironmentType[]>(settings.deployments.gatedEnvironmentTypes);
  const [block, setBlock] = useState(settings.leadTime.block);
  const [steps, setSteps] = useState<ApprovalStep[]>(settings.approvalSteps);
  const [stepsText, setStepsText] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  const parsedSteps = useMemo(() => (stepsText === null ? { steps } : parseSteps(stepsText)), [stepsText, steps]);
  const draft = useMemo(
    () =>
      settingsWith(settings, {
        project,
        changeEnvironmentTypes: changeTypes,
        gatedEnvironmentTypes: gatedTypes,
        block,
        approvalSteps: 'steps' in parsedSteps ? parsedSteps.steps : steps,
      }),
    [settings, project, changeTypes, gatedTypes, block, parsedSteps, steps],
  );
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings) || ('error' in parsedSteps && stepsText !== null);

  const clear = (area: SettingsArea) => setErrors((e) => ({ ...e, [area]: undefined, form: undefined }));
  const reset = () => {
    setProject(settings.deployments.project);
    setChangeTypes(settings.deployments.changeEnvironmentTypes);
    setGatedTypes(settings.deployments.gatedEnvironmentTypes);
    setBlock(settings.leadTime.block);
    setSteps(settings.approvalSteps);
    setStepsText(null);
    setErrors({});
  };

  const submit = () => {
    if ('error' in parsedSteps) {
      setErrors({ approvalSteps: parsedSteps.error });
      return;
    }
    setErrors({});
    save.mutate(draft, {
      onSuccess: (saved) => {
        setSteps(saved.approvalSteps);
        if (stepsText !== null) setStepsText(stepsToJson(saved.approvalSteps));
        notifications.show({ color: 'green', message: 'Change management settings saved.' });
      },
      onError: (error) => {
        const field = isApiError(error) ? error.field : undefined;
        const area = errorArea(field);
        const message = field && area === 'form' ? `${field}: ${errorMessage(error)}` : errorMessage(error);
        setErrors({ [area]: message, step: stepIndex(field) });
      },
    });
  };

  const projectOptions = (projects.data ?? []).map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }));
  if (!projectOptions.some((o) => o.value === project)) projectOptions.unshift({ value: project, label: project });

  return (
    <Stack gap="lg" maw={980}>
      <Stack gap={2}>
        <Title order={1} size="h2">
          Change management
        </Title>
        <Text size="sm" c="dimmed">
          How deployments become change requests, when they wait for approval, and who approves changes.
        </Text>
      </Stack>

      {!canEdit && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          Only administrators change these settings; you see them as they are.
        </Alert>
      )}
      {errors.form && (
        <Alert color="red" variant="light" role="alert" title="The settings were not saved">
          {errors.form}
        </Alert>
      )}

      <SettingsSection title="Deployments" description="Deployments that CI/CD tools report to the deployments API.">
        <Select
          label="Project of the change requests"
          description="Change requests that deployments open are created here."
          data={projectOptions}
          value={project}
          onChange={(v) => {
            if (v) setProject(v);
            clear('project');
          }}
          allowDeselect={false}
          disabled={!canEdit}
          error={errors.project}
          maw={420}
          comboboxProps={{ withinPortal: true }}
        />
        <div className={tableClasses.frame}>
          <Table className={tableClasses.table} aria-label="Environment types" verticalSpacing={8}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Environment type</Table.Th>
                <Table.Th>Opens a change request</Table.Th>
                <Table.Th>Gated (waits for approval)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ENVIRONMENT_TYPES.map((t) => (
                <Table.Tr key={t.value}>
                  <Table.Td fw={500}>{t.label}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`Opens a change request: ${t.label}`}
                      checked={changeTypes.includes(t.value)}
                      disabled={!canEdit}
                      onChange={(e) => {
                        setChangeTypes(toggleEnvironment(changeTypes, t.value, e.currentTarget.checked));
                        clear('environments');
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`Gated: ${t.label}`}
                      checked={gatedTypes.includes(t.value)}
                      disabled={!canEdit}
                      onChange={(e) => {
                        setGatedTypes(toggleEnvironment(gatedTypes, t.value, e.currentTarget.checked));
                        clear('environments');
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <Text size="xs" c="dimmed">
          A gated deployment waits until its change request is approved; pipelines ask with <Code>steward gate --wait</Code>.
        </Text>
        {errors.environments && <FieldError>{errors.environments}</FieldError>}
      </SettingsSection>

      <SettingsSection title="Lead time" description="How much notice a change needs before its planned start, by change type and risk.">
        <Switch
          label='Block "Request approval" while the notice is too short'
          description={`The minimum notice comes from the CMDB objects of type "${settings.leadTime.objectType}". When this is off, a short notice only warns.`}
          checked={block}
          disabled={!canEdit}
          onChange={(e) => {
            setBlock(e.currentTarget.checked);
            clear('leadTime');
          }}
          error={errors.leadTime}
        />
      </SettingsSection>

      <SettingsSection title="Risk model" description="How a change's risk is computed from the answers on the change and the CMDB.">
        <RiskModel settings={settings} />
        {errors.riskModel && <FieldError>{errors.riskModel}</FieldError>}
      </SettingsSection>

      <SettingsSection
        title="Approval steps"
        description="When a change waits for approval, the first step that applies to its type and risk decides who approves."
        actions={
          canEdit && (
            <Button
              variant="default"
              size="xs"
              leftSection={stepsText === null ? <IconBraces size={14} aria-hidden /> : <IconTable size={14} aria-hidden />}
              onClick={() => {
                if (stepsText === null) setStepsText(stepsToJson(steps));
                else if ('steps' in parsedSteps) {
                  setSteps(parsedSteps.steps);
                  setStepsText(null);
                }
              }}
              disabled={stepsText !== null && 'error' in parsedSteps}
            >
              {stepsText === null ? 'Edit as JSON' : 'Show as table'}
            </Button>
          )
        }
      >
        {stepsText === null ? (
          <StepsTable steps={steps} errorStep={errors.approvalSteps ? errors.step : undefined} />
        ) : (
          <JsonInput
            label="Approval steps (JSON)"
            description="A list of steps: name, status, changeTypes, risks, approvers, required, autoApprove."
            value={stepsText}
            onChange={(v) => {
              setStepsText(v);
              clear('approvalSteps');
            }}
            autosize
            minRows={10}
            maxRows={30}
            formatOnBlur
            validationError="Not valid JSON"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            error={errors.approvalSteps}
          />
        )}
        {stepsText === null && errors.approvalSteps && <FieldError>{errors.approvalSteps}</FieldError>}
      </SettingsSection>

      {canEdit && (
        <Group gap="xs" className={classes.saveBar}>
          <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
            Save changes
          </Button>
          <Button variant="default" onClick={reset} disabled={!dirty || save.isPending}>
            Discard changes
          </Button>
          {dirty && (
            <Text size="sm" c="dimmed">
              Unsaved changes
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

interface SettingsSectionProps {
  title: string;
  description: string;
  actions?: ReactNode;
  children: ReactNode;
}

function SettingsSection({ title, description, actions, children }: SettingsSectionProps) {
  const id = useId();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={2} size="h4" id={id}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </Stack>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function FieldError({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="red.7" role="alert">
      {children}
    </Text>
  );
}

function RiskModel({ settings }: { settings: ChangeSettings }) {
  const model = settings.riskModel;
  return (
    <Stack gap="xs">
      <Text size="sm">
        Assessed change types:{' '}
        {model.changeTypes.map((t) => (
          <Badge key={t} variant="light" radius="sm" tt="none" mr={4}>
            {t}
          </Badge>
        ))}
        · CMDB schema <Code>{model.schema}</Code>
      </Text>
      <div className={tableClasses.frame}>
        <Table className={tableClasses.table} aria-label="Risk questions" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Factor (CMDB type with Name and Score)</Table.Th>
              <Table.Th>Answer on the change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {model.questions.map((q) => (
              <Table.Tr key={q.objectType}>
                <Table.Td>{q.objectType}</Table.Td>
                <Table.Td>{q.field}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>{model.tierObjectType ?? 'Business Service Risk'}</Table.Td>
              <Table.Td>
                {model.tierAttribute ?? 'Tier'} of the {model.serviceField ?? 'Affected services'}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" c="dimmed">
        The total score gives the level by the bands of &quot;{model.bandsObjectType ?? 'Risk Computation Scores'}&quot;.
      </Text>
    </Stack>
  );
}

function StepsTable({ steps, errorStep }: { steps: readonly ApprovalStep[]; errorStep: number | undefined }) {
  if (steps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No approval steps: changes move on without approval.
      </Text>
    );
  }
  return (
    <div className={tableClasses.frame}>
      <Table className={tableClasses.table} aria-label="Approval steps" verticalSpacing={6} miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th>Waits in</Table.Th>
            <Table.Th>Applies to</Table.Th>
            <Table.Th>Approvers</Table.Th>
            <Table.Th>Needs</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((step, i) => (
            <Table.Tr key={`${step.name}-${i}`} className={errorStep === i ? classes.conflictRow : undefined} aria-invalid={errorStep === i || undefined}>
              <Table.Td fw={500}>{step.name}</Table.Td>
              <Table.Td>{step.status}</Table.Td>
              <Table.Td>{describeScope(step)}</Table.Td>
              <Table.Td>{describeApprovers(step)}</Table.Td>
              <Table.Td>
                {step.autoApprove ? (
                  <Badge color="teal" variant="light" radius="sm" tt="none">
                    Approved automatically
                  </Badge>
                ) : (
                  describeRequired(step.required)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
