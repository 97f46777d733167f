import { useState } from 'react';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import type { Accreditation, EvidenceItemInput, EvidenceKind, PricingModel, Region, Sector } from '../../gql/graphql';
import { dateFromParts, DateInput, partsFromIso, type DateParts } from '../../components/ui/DateInput';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Choices, Select, Textarea, TextInput } from '../../components/ui/fields';
import { fieldId, summaryOf, type FieldError } from '../../components/ui/form-errors';
import { useFormSubmission } from '../../components/ui/useFormSubmission';
import { ACCREDITATION_LABELS, EVIDENCE_KIND_LABELS, optionsOf, PRICING_MODEL_LABELS, REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';

export const SolutionForm_SolutionFragment = graphql(`
  fragment SolutionForm_Solution on Solution {
    id
    version
    name
    summary
    description
    sectors
    tags
    capabilities
    trl
    regionsServed
    pricingModel
    priceMinGbp
    priceMaxGbp
    evidence {
      kind
      description
      url
      accreditation {
        type
        issuer
        expiresAt
      }
    }
  }
`);

export interface SolutionFields {
  name: string;
  summary: string;
  description: string;
  sectors: Sector[];
  tags: string[];
  capabilities: string[];
  trl: number;
  regionsServed: Region[];
  pricingModel: PricingModel;
  priceMinGbp: number;
  priceMaxGbp: number;
  evidence: EvidenceItemInput[];
}

interface EvidenceDraft {
  kind: EvidenceKind;
  description: string;
  url: string;
  accreditationType: Accreditation;
  issuer: string;
  expires: DateParts;
}

const emptyEvidence = (): EvidenceDraft => ({
  kind: 'CASE_STUDY',
  description: '',
  url: '',
  accreditationType: 'CYBER_ESSENTIALS',
  issuer: '',
  expires: { day: '', month: '', year: '' },
});

const LABELS: Record<string, string> = {
  name: 'Name',
  summary: 'Summary',
  description: 'Description',
  sectors: 'Sectors',
  tags: 'Tags',
  capabilities: 'Capabilities',
  trl: 'Technology readiness level',
  regionsServed: 'Regions served',
  pricingModel: 'Pricing model',
  priceMinGbp: 'Lowest price',
  priceMaxGbp: 'Highest price',
};

function labelOf(field: string): string | undefined {
  const evidence = /^evidence\.(\d+)\.(.+)$/.exec(field);
  if (evidence) return `Evidence ${Number(evidence[1]) + 1}`;
  return LABELS[field];
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A start-up's reusable profile with the evidence behind its claims, accreditations with their expiry. */
export function SolutionForm({
  solution: solutionRef,
  heading,
  submitLabel,
  onSave,
}: {
  solution?: FragmentType<typeof SolutionForm_SolutionFragment>;
  heading: string;
  submitLabel: string;
  onSave: (fields: SolutionFields) => Promise<void>;
}) {
  const solution = getFragmentData(SolutionForm_SolutionFragment, solutionRef);
  const [form, setForm] = useState({
    name: solution?.name ?? '',
    summary: solution?.summary ?? '',
    description: solution?.description ?? '',
    tags: solution?.tags.join(', ') ?? '',
    capabilities: solution?.capabilities.join(', ') ?? '',
    trl: String(solution?.trl ?? 6),
    pricingModel: solution?.pricingModel ?? 'SUBSCRIPTION',
    priceMinGbp: solution ? String(solution.priceMinGbp) : '',
    priceMaxGbp: solution ? String(solution.priceMaxGbp) : '',
  });
  const [sectors, setSectors] = useState<string[]>(solution?.sectors ?? []);
  const [regions, setRegions] = useState<string[]>(solution?.regionsServed ?? []);
  const [evidence, setEvidence] = useState<EvidenceDraft[]>(
    solution?.evidence.map((item) => ({
      ...emptyEvidence(),
      kind: item.kind,
      description: item.description,
      url: item.url ?? '',
      ...(item.accreditation
        ? { accreditationType: item.accreditation.type, issuer: item.accreditation.issuer, expires: partsFromIso(item.accreditation.expiresAt) }
        : {}),
    })) ?? [],
  );
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  const setItem = (index: number, changes: Partial<EvidenceDraft>) => setEvidence((current) => current.map((item, i) => (i === index ? { ...item, ...changes } : item)));

  const validate = (): FieldError[] => {
    const problems: FieldError[] = [];
    if (!form.name.trim()) problems.push({ field: 'name', message: 'Enter the name of the solution' });
    if (!form.summary.trim()) problems.push({ field: 'summary', message: 'Enter a short summary' });
    if (!form.description.trim()) problems.push({ field: 'description', message: 'Describe the solution' });
    if (sectors.length === 0) problems.push({ field: 'sectors', message: 'Select at least one sector' });
    if (regions.length === 0) problems.push({ field: 'regionsServed', message: 'Select at least one region you serve' });
    if (!/^\d+$/.test(form.priceMinGbp.trim())) problems.push({ field: 'priceMinGbp', message: 'Enter the lowest price in whole pounds' });
    if (!/^\d+$/.test(form.priceMaxGbp.trim())) problems.push({ field: 'priceMaxGbp', message: 'Enter the highest price in whole pounds' });
    evidence.forEach((item, index) => {
      if (!item.description.trim()) problems.push({ field: `evidence.${index}.description`, message: `Describe evidence ${index + 1}` });
      if (item.kind === 'ACCREDITATION' && !dateFromParts(item.expires))
        problems.push({ field: `evidence.${index}.accreditation.expiresAt`, message: `Enter a real expiry date for evidence ${index + 1}` });
    });
    return problems;
  };

  const save = () =>
    onSave({
      name: form.name.trim(),
      summary: form.summary.trim(),
      description: form.description.trim(),
      sectors: sectors as Sector[],
      regionsServed: regions as Region[],
      tags: list(form.tags),
      capabilities: list(form.capabilities),
      trl: Number(form.trl),
      pricingModel: form.pricingModel as PricingModel,
      priceMinGbp: Number(form.priceMinGbp),
      priceMaxGbp: Number(form.priceMaxGbp),
      evidence: evidence.map((item) => ({
        kind: item.kind,
        description: item.description.trim(),
        ...(item.url.trim() ? { url: item.url.trim() } : {}),
        ...(item.kind === 'ACCREDITATION'
          ? { accreditation: { type: item.accreditationType, issuer: item.issuer.trim(), expiresAt: (dateFromParts(item.expires) as Date).toISOString() } }
          : {}),
      })),
    });

  const { errors, saving, onSubmit, errorOf: error } = useFormSubmission({ validate, save, labelOf });
  usePageTitle(heading, errors.length > 0);

  const evidenceError = (index: number) =>
    errors.filter((item) => item.field.startsWith(`evidence.${index}.`) && item.field !== `evidence.${index}.accreditation.expiresAt`).map((item) => item.message)[0];
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summaryOf(errors)} />
      <h1 className="govuk-heading-l">{heading}</h1>
      <TextInput id={fieldId('name')} label={LABELS.name} value={form.name} onChange={set('name')} error={error('name')} />
      <Textarea id={fieldId('summary')} label={LABELS.summary} hint="One or two sentences" rows={2} value={form.summary} onChange={set('summary')} error={error('summary')} />
      <Textarea id={fieldId('description')} label={LABELS.description} value={form.description} onChange={set('description')} error={error('description')} />
      <Choices id={fieldId('sectors')} legend={LABELS.sectors} type="checkbox" small options={optionsOf(SECTOR_LABELS)} selected={sectors} onChange={setSectors} error={error('sectors')} />
      <Choices
        id={fieldId('regionsServed')}
        legend={LABELS.regionsServed}
        type="checkbox"
        small
        options={optionsOf(REGION_LABELS)}
        selected={regions}
        onChange={setRegions}
        error={error('regionsServed')}
      />
      <TextInput id={fieldId('capabilities')} label={`${LABELS.capabilities} (optional)`} hint="Separate with commas" value={form.capabilities} onChange={set('capabilities')} error={error('capabilities')} />
      <TextInput id={fieldId('tags')} label={`${LABELS.tags} (optional)`} hint="Separate with commas" value={form.tags} onChange={set('tags')} error={error('tags')} />
      <Select
        id={fieldId('trl')}
        label={LABELS.trl}
        hint="1 is an idea, 9 is proven in operation"
        options={Array.from({ length: 9 }, (_, i) => ({ value: String(i + 1), label: `TRL ${i + 1}` }))}
        value={form.trl}
        onChange={set('trl')}
        error={error('trl')}
      />
      <Select id={fieldId('pricingModel')} label={LABELS.pricingModel} options={optionsOf(PRICING_MODEL_LABELS)} value={form.pricingModel} onChange={set('pricingModel')} />
      <TextInput id={fieldId('priceMinGbp')} label={`${LABELS.priceMinGbp}, in pounds`} inputMode="numeric" width={10} value={form.priceMinGbp} onChange={set('priceMinGbp')} error={error('priceMinGbp')} />
      <TextInput id={fieldId('priceMaxGbp')} label={`${LABELS.priceMaxGbp}, in pounds`} inputMode="numeric" width={10} value={form.priceMaxGbp} onChange={set('priceMaxGbp')} error={error('priceMaxGbp')} />

      <h2 className="govuk-heading-m">Evidence</h2>
      <p className="govuk-body">Case studies, deployments, certifications and accreditations. Public bodies check accreditations are in date.</p>
      {evidence.map((item, index) => (
        <fieldset className="govuk-fieldset app-kpi-row" key={index}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Evidence {index + 1}</legend>
          <Select
            id={fieldId(`evidence.${index}.kind`)}
            label="Kind"
            options={optionsOf(EVIDENCE_KIND_LABELS)}
            value={item.kind}
            onChange={(kind) => setItem(index, { kind: kind as EvidenceKind })}
          />
          <Textarea
            id={fieldId(`evidence.${index}.description`)}
            label="Description"
            rows={2}
            value={item.description}
            onChange={(description) => setItem(index, { description })}
            error={evidenceError(index)}
          />
          <TextInput id={fieldId(`evidence.${index}.url`)} label="Link (optional)" type="url" spellCheck={false} value={item.url} onChange={(url) => setItem(index, { url })} />
          {item.kind === 'ACCREDITATION' && (
            <>
              <Select
                id={fieldId(`evidence.${index}.accreditation.type`)}
                label="Accreditation"
                options={optionsOf(ACCREDITATION_LABELS)}
                value={item.accreditationType}
                onChange={(type) => setItem(index, { accreditationType: type as Accreditation })}
              />
              <TextInput id={fieldId(`evidence.${index}.accreditation.issuer`)} label="Issued by" value={item.issuer} onChange={(issuer) => setItem(index, { issuer })} />
              <DateInput
                id={fieldId(`evidence.${index}.accreditation.expiresAt`)}
                legend="Expires on"
                value={item.expires}
                onChange={(expires) => setItem(index, { expires })}
                error={error(`evidence.${index}.accreditation.expiresAt`)}
              />
            </>
          )}
          <button type="button" className="govuk-button govuk-button--warning govuk-button--small" onClick={() => setEvidence((current) => current.filter((_, i) => i !== index))}>
            Remove evidence {index + 1}
          </button>
        </fieldset>
      ))}
      <div className="app-inline-actions">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setEvidence((current) => [...current, emptyEvidence()])}>
          Add evidence
        </button>
      </div>
      <button type="submit" className="govuk-button" disabled={saving}>
        {saving ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
