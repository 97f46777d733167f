import { Types } from 'mongoose';
import { requirementChecks } from '../../server/src/challenges/challenge-requirements';

/** The matcher's side of the shared requirements: every check named, passed or not, with a "why not" a start-up can act on. */

const now = new Date('2026-06-01T09:00:00Z');
const deadline = new Date('2026-07-01T09:00:00Z');
const accreditation = (type: 'CYBER_ESSENTIALS' | 'DSPT', expiresAt: string) => ({
  kind: 'ACCREDITATION' as const,
  description: `${type} certificate`,
  accreditation: { type, issuer: 'IASME', expiresAt: new Date(expiresAt) },
});
const council = new Types.ObjectId();
const challenge = {
  status: 'OPEN' as const,
  responseDeadline: deadline,
  minTrl: 6,
  requiredAccreditations: ['CYBER_ESSENTIALS' as const, 'DSPT' as const],
  region: 'YORKSHIRE_AND_THE_HUMBER' as const,
  organisationId: council,
};

const failed = (checks: ReturnType<typeof requirementChecks>) => checks.filter((check) => !check.passed);

it('passes a solution that meets every requirement, and says why each passed', () => {
  const checks = requirementChecks(
    challenge,
    {
      status: 'PUBLISHED',
      trl: 7,
      regionsServed: ['UK_WIDE'],
      organisationId: new Types.ObjectId(),
      evidence: [accreditation('CYBER_ESSENTIALS', '2027-01-01'), accreditation('DSPT', '2027-01-01')],
    },
    now,
  );
  expect(failed(checks)).toEqual([]);
  expect(checks.map((check) => check.message)).toEqual([
    'The solution is published.',
    'TRL 7 meets the minimum of TRL 6.',
    'Holds CYBER_ESSENTIALS, DSPT, valid when the pilot can start.',
    'Serves YORKSHIRE_AND_THE_HUMBER.',
    'Comes from another organisation.',
  ]);
});

it('tells a near-miss exactly why not: expired, lapsing before the pilot, wrong region, own organisation', () => {
  const checks = requirementChecks(
    challenge,
    {
      status: 'PUBLISHED',
      trl: 6,
      regionsServed: ['LONDON'],
      organisationId: council,
      evidence: [accreditation('CYBER_ESSENTIALS', '2026-03-14'), accreditation('DSPT', '2026-06-20')],
    },
    now,
  );
  expect(failed(checks).map((check) => check.rule)).toEqual(['MISSING_ACCREDITATIONS', 'REGION_NOT_SERVED', 'OWN_ORGANISATION']);
  expect(failed(checks)[0]?.details).toEqual([
    'needs CYBER_ESSENTIALS; yours expired on 14 March 2026',
    'needs DSPT; yours expires on 20 June 2026, before the pilot can start on 1 July 2026',
  ]);
  expect(failed(checks)[1]?.message).toBe('The challenge is in YORKSHIRE_AND_THE_HUMBER; the solution serves LONDON.');
});

it('holds nothing the records do not state against a pair: absent fields are not failures', () => {
  expect(failed(requirementChecks({}, {}, now))).toEqual([]);
  expect(failed(requirementChecks({ minTrl: 7, region: 'WALES' }, {}, now))).toEqual([]);
});

it('lets any region serve a UK-wide challenge, and UK-wide solutions serve every region', () => {
  const regionCheck = (region: 'UK_WIDE' | 'WALES', regionsServed: ('WALES' | 'UK_WIDE' | 'LONDON')[]) =>
    requirementChecks({ region }, { regionsServed }, now).find((check) => check.rule === 'REGION_NOT_SERVED')?.passed;
  expect(regionCheck('UK_WIDE', ['LONDON'])).toBe(true);
  expect(regionCheck('WALES', ['UK_WIDE'])).toBe(true);
  expect(regionCheck('WALES', ['LONDON'])).toBe(false);
});
