import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { respond } from '../testkit/marketplace';
import { startSmtpServer, type TestSmtpServer } from '../testkit/smtp-server';
import { SmtpMailer } from '../../server/src/mail/mailer';
import { redactSecrets } from '../../server/src/shared/redaction';

/**
 * Notification email goes out through the configured mailer, here the SMTP driver against a real
 * SMTP server, and carries nothing the log transport would have to redact.
 */

let smtp: TestSmtpServer;
let app: TestApp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({}, { search: true, mailer: new SmtpMailer(smtp.url, 'Pilotline <no-reply@pilotline.test>') });
}, 60_000);
afterAll(async () => {
  await app.close();
  await smtp.close();
});

it('emails a new response to the public body’s members through SMTP, with no token or secret in it', async () => {
  const body = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'smtp-body' });
  const startup = await registerOrganisation(app, 'STARTUP', { label: 'smtp-startup' });
  const staff = await registerStaff(app);
  const challenge = await openChallenge(body, staff.session, { title: 'Paperless custody records' });
  await respond(startup, challenge.id);
  await app.dispatcher!.drain();

  const subject = 'New response to "Paperless custody records"';
  const sent = app.mailer.sent.filter((message) => message.subject === subject);
  expect(sent.map((message) => message.to)).toEqual([body.email.toLowerCase()]);
  expect(redactSecrets(sent[0]!.text)).toBe(sent[0]!.text);
  // The relay got it too (the other mail there is the accounts' invitations and verifications).
  const received = smtp.received.filter((mail) => mail.decoded.includes(`${app.config.publicUrl}/notifications`));
  expect(received.map((mail) => mail.to)).toEqual([[body.email.toLowerCase()]]);
  expect(received[0]!.decoded).toContain('Paperless custody records');
}, 120_000);
