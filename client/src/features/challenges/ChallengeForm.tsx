import { useState } from 'react';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import type { Accreditation, KpiDirection, Region, Sector, SuccessKpiInput } from '../../gql/graphql';
import { dateFromParts, DateInput, partsFromIso, type DateParts } from '../../components/ui/DateInput';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Choices, Select, Textarea, TextInput } from '../../components/ui/fields';
import { fieldId, summaryOf, type FieldError } from '../../components/ui/form-errors';
import { useFormSubmission } from '../../components/ui/useFormSubmission';
import { ACCREDITATION_LABELS, KPI_DIRECTION_LABELS, optionsOf, REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

export const ChallengeForm_ChallengeFragment = graphql(`
  fragment ChallengeForm_Challenge on Challenge {
    id
    version
    title
    summary
    what
    why
    how
    sectors
    tags
    region
    budgetMinGbp
    budgetMaxGbp
    pilotLengthWeeks
    responseDeadline
    minTrl
    requiredAccreditations
    kpis {
      name
      unit
      baseline
      target
      direction
    }
  }
`);

/** What the form sends: the fields of CreateChallengeInput and UpdateChallengeInput they share. */
export interface ChallengeFields {
  title: string;
  summary: string;
  what: string;
  why: string;
  how: string;
  sectors: Sector[];
  tags: string[];
  region: Region;
  budgetMinGbp: number;
  budgetMaxGbp: number;
  pilotLengthWeeks: number;
  responseDeadline: string;
  minTrl: number;
  requiredAccreditations: Accreditation[];
  kpis: SuccessKpiInput[];
}

interface KpiDraft {
  name: string;
  unit: string;
  baseline: string;
  target: string;
  direction: KpiDirection;
}

const emptyKpi = (): KpiDraft => ({ name: '', unit: '', baseline: '', target: '', direction: 'DECREASE' });

const LABELS: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  what: 'What is the problem?',
  why: 'Why does it matter?',
  how: 'How could a partner work with you?',
  sectors: 'Sectors',
  tags: 'Tags',
  region: 'Region',
  budgetMinGbp: 'Minimum budget',
  budgetMaxGbp: 'Maximum budget',
  pilotLengthWeeks: 'Pilot length',
  responseDeadline: 'Response deadline',
  minTrl: 'Minimum technology readiness level',
  requiredAccreditations: 'Required accreditations',
  kpis: 'Success measures',
};

function labelOf(field: string): string | undefined {
  const kpi = /^kpis\.(\d+)\.(\w+)$/.exec(field);
  if (kpi) return `Measure ${Number(kpi[1]) + 1} ${{ name: 'name', unit: 'unit', baseline: 'baseline', target: 'target', direction: 'direction' }[kpi[2] ?? ''] ?? ''}`.trim();
  return LABELS[field];
}

const isNumber = (value: string) => value.trim() !== '' && Number.isFinite(Number(value));
const isWhole = (value: string) => /^\d+$/.test(value.trim());

/**
 * The guided form for a challenge: what, why and how, then the terms of the pilot and its success
 * measures. It checks only what a person can fix at a glance (blanks and numbers); every other rule
 * is the server's, and its answers land on the fields they concern.
 */
export function ChallengeForm({
  challenge: challengeRef,
  heading,
  submitLabel,
  onSave,
}: {
  challenge?: FragmentType<typeof ChallengeForm_ChallengeFragment>;
  heading: string;
  submitLabel: string;
  onSave: (fields: ChallengeFields) => Promise<void>;
}) {
  const challenge = getFragmentData(ChallengeForm_ChallengeFragment, challengeRef);
  const [form, setForm] = useState({
    title: challenge?.title ?? '',
    summary: challenge?.summary ?? '',
    what: challenge?.what ?? '',
    why: challenge?.why ?? '',
    how: challenge?.how ?? '',
    tags: challenge?.tags.join(', ') ?? '',
    region: challenge?.region ?? '',
    budgetMinGbp: challenge ? String(challenge.budgetMinGbp) : '',
    budgetMaxGbp: challenge ? String(challenge.budgetMaxGbp) : '',
    pilotLengthWeeks: challenge ? String(challenge.pilotLengthWeeks) : '',
    minTrl: challenge ? String(challenge.minTrl) : '6',
  });
  const [sectors, setSectors] = useState<string[]>(challenge?.sectors ?? []);
  const [accreditations, setAccreditations] = useState<string[]>(challenge?.requiredAccreditations ?? []);
  const [deadline, setDeadline] = useState<DateParts>(partsFromIso(challenge?.responseDeadline));
  const [kpis, setKpis] = useState<KpiDraft[]>(
    challenge?.kpis.map((kpi) => ({ ...kpi, baseline: String(kpi.baseline), target: String(kpi.target) })) ?? [emptyKpi()],
  );
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  const setKpi = (index: number, key: keyof KpiDraft) => (value: string) =>
    setKpis((current) => current.map((kpi, i) => (i === index ? { ...kpi, [key]: value } : kpi)));

  const validate = (): FieldError[] => {
    const problems: FieldError[] = [];
    const required: [keyof typeof form, string][] = [
      ['title', 'Enter a title'],
      ['summary', 'Enter a one-paragraph summary'],
      ['what', 'Describe the problem'],
      ['why', 'Say why the problem matters'],
      ['how', 'Say how a partner could work with you'],
    ];
    for (const [field, message] of required) if (!form[field].trim()) problems.push({ field, message });
    if (sectors.length === 0) problems.push({ field: 'sectors', message: 'Select at least one sector' });
    if (!form.region) problems.push({ field: 'region', message: 'Select a region' });
    if (!isWhole(form.budgetMinGbp)) problems.push({ field: 'budgetMinGbp', message: 'Enter the minimum budget in whole pounds, like 20000' });
    if (!isWhole(form.budgetMaxGbp)) problems.push({ field: 'budgetMaxGbp', message: 'Enter the maximum budget in whole pounds, like 80000' });
    if (!isWhole(form.pilotLengthWeeks)) problems.push({ field: 'pilotLengthWeeks', message: 'Enter the pilot length in weeks, like 12' });
    if (!dateFromParts(deadline)) problems.push({ field: 'responseDeadline', message: 'Enter a real date for the response deadline, like 31 3 2027' });
    kpis.forEach((kpi, index) => {
      if (!kpi.name.trim()) problems.push({ field: `kpis.${index}.name`, message: `Enter what measure ${index + 1} counts` });
      if (!kpi.unit.trim()) problems.push({ field: `kpis.${index}.unit`, message: `Enter the unit of measure ${index + 1}, like days` });
      if (!isNumber(kpi.baseline)) problems.push({ field: `kpis.${index}.baseline`, message: `Enter the baseline of measure ${index + 1} as a number` });
      if (!isNumber(kpi.target)) problems.push({ field: `kpis.${index}.target`, message: `Enter the target of measure ${index + 1} as a number` });
    });
    return problems;
  };

  const save = () =>
    onSave({
      title: form.title.trim(),
      summary: form.summary.trim(),
      what: form.what.trim(),
      why: form.why.trim(),
      how: form.how.trim(),
      sectors: sectors as Sector[],
      tags: form.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      region: form.region as Region,
      budgetMinGbp: Number(form.budgetMinGbp),
      budgetMaxGbp: Number(form.budgetMaxGbp),
      pilotLengthWeeks: Number(form.pilotLengthWeeks),
      responseDeadline: (dateFromParts(deadline) as Date).toISOString(),
      minTrl: Number(form.minTrl),
      requiredAccreditations: accreditations as Accreditation[],
      kpis: kpis.map((kpi) => ({ name: kpi.name.trim(), unit: kpi.unit.trim(), baseline: Number(kpi.baseline), target: Number(kpi.target), direction: kpi.direction })),
    });

  const { errors, saving, onSubmit, errorOf: error } = useFormSubmission({ validate, save, labelOf });
  usePageTitle(heading, errors.length > 0);

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summaryOf(errors)} />
      <h1 className="govuk-heading-l">{heading}</h1>

      <h2 className="govuk-heading-m">1. The challenge in brief</h2>
      <TextInput id={fieldId('title')} label={LABELS.title} hint="A short name start-ups will recognise" value={form.title} onChange={set('title')} error={error('title')} />
      <Textarea
        id={fieldId('summary')}
        label={LABELS.summary}
        hint="One paragraph, shown in search results"
        rows={3}
        value={form.summary}
        onChange={set('summary')}
        error={error('summary')}
      />

      <h2 className="govuk-heading-m">2. What, why and how</h2>
      <Textarea id={fieldId('what')} label={LABELS.what} hint="The problem as your staff and residents see it today" value={form.what} onChange={set('what')} error={error('what')} />
      <Textarea id={fieldId('why')} label={LABELS.why} hint="Who is affected, the impact, and why now" value={form.why} onChange={set('why')} error={error('why')} />
      <Textarea
        id={fieldId('how')}
        label={LABELS.how}
        hint="Data you can share, constraints, and the procurement route"
        value={form.how}
        onChange={set('how')}
        error={error('how')}
      />
      <Choices
        id={fieldId('sectors')}
        legend={LABELS.sectors}
        hint="Select up to 3"
        type="checkbox"
        small
        options={optionsOf(SECTOR_LABELS)}
        selected={sectors}
        onChange={setSectors}
        error={error('sectors')}
      />
      <TextInput id={fieldId('tags')} label={`${LABELS.tags} (optional)`} hint="Separate tags with commas" value={form.tags} onChange={set('tags')} error={error('tags')} />

      <h2 className="govuk-heading-m">3. Budget and timeline</h2>
      <Select
        id={fieldId('region')}
        label={LABELS.region}
        options={[{ value: '', label: 'Choose a region' }, ...optionsOf(REGION_LABELS)]}
        value={form.region}
        onChange={set('region')}
        error={error('region')}
      />
      <TextInput
        id={fieldId('budgetMinGbp')}
        label={`${LABELS.budgetMinGbp}, in pounds`}
        inputMode="numeric"
        width={10}
        value={form.budgetMinGbp}
        onChange={set('budgetMinGbp')}
        error={error('budgetMinGbp')}
      />
      <TextInput
        id={fieldId('budgetMaxGbp')}
        label={`${LABELS.budgetMaxGbp}, in pounds`}
        inputMode="numeric"
        width={10}
        value={form.budgetMaxGbp}
        onChange={set('budgetMaxGbp')}
        error={error('budgetMaxGbp')}
      />
      <TextInput
        id={fieldId('pilotLengthWeeks')}
        label={`${LABELS.pilotLengthWeeks}, in weeks`}
        inputMode="numeric"
        width={3}
        value={form.pilotLengthWeeks}
        onChange={set('pilotLengthWeeks')}
        error={error('pilotLengthWeeks')}
      />
      <DateInput
        id={fieldId('responseDeadline')}
        legend={LABELS.responseDeadline}
        hint="Start-ups can respond until 5pm on this day. For example, 31 3 2027"
        value={deadline}
        onChange={setDeadline}
        error={error('responseDeadline')}
      />

      <h2 className="govuk-heading-m">4. What a solution needs</h2>
      <Select
        id={fieldId('minTrl')}
        label={LABELS.minTrl}
        hint="1 is an idea, 9 is proven in operation"
        options={Array.from({ length: 9 }, (_, i) => ({ value: String(i + 1), label: `TRL ${i + 1}` }))}
        value={form.minTrl}
        onChange={set('minTrl')}
        error={error('minTrl')}
      />
      <Choices
        id={fieldId('requiredAccreditations')}
        legend={`${LABELS.requiredAccreditations} (optional)`}
        type="checkbox"
        small
        options={optionsOf(ACCREDITATION_LABELS)}
        selected={accreditations}
        onChange={setAccreditations}
        error={error('requiredAccreditations')}
      />

      <h2 className="govuk-heading-m">5. Success measures</h2>
      {error('kpis') && <p className="govuk-error-message">{error('kpis')}</p>}
      {kpis.map((kpi, index) => (
        <fieldset className="govuk-fieldset app-kpi-row" key={index}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Measure {index + 1}</legend>
          <TextInput id={fieldId(`kpis.${index}.name`)} label="What it counts" value={kpi.name} onChange={setKpi(index, 'name')} error={error(`kpis.${index}.name`)} />
          <TextInput
            id={fieldId(`kpis.${index}.unit`)}
            label="Unit"
            hint="For example, days or % of cases"
            width={10}
            value={kpi.unit}
            onChange={setKpi(index, 'unit')}
            error={error(`kpis.${index}.unit`)}
          />
          <TextInput
            id={fieldId(`kpis.${index}.baseline`)}
            label="Today (baseline)"
            inputMode="decimal"
            width={5}
            value={kpi.baseline}
            onChange={setKpi(index, 'baseline')}
            error={error(`kpis.${index}.baseline`)}
          />
          <TextInput
            id={fieldId(`kpis.${index}.target`)}
            label="Target"
            inputMode="decimal"
            width={5}
            value={kpi.target}
            onChange={setKpi(index, 'target')}
            error={error(`kpis.${index}.target`)}
          />
          <Choices
            id={fieldId(`kpis.${index}.direction`)}
            legend="Better means the number should"
            type="radio"
            small
            options={optionsOf(KPI_DIRECTION_LABELS)}
            selected={[kpi.direction]}
            onChange={([direction]) => setKpi(index, 'direction')(direction ?? 'DECREASE')}
          />
          {kpis.length > 1 && (
            <button type="button" className="govuk-button govuk-button--warning govuk-button--small" onClick={() => setKpis((current) => current.filter((_, i) => i !== index))}>
              Remove measure {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <div className="app-inline-actions">
        {kpis.length < 10 && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setKpis((current) => [...current, emptyKpi()])}>
            Add another measure
          </button>
        )}
      </div>
      <button type="submit" className="govuk-button" disabled={saving}>
        {saving ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
