import type { Types } from 'mongoose';
import type { RecordedEvent } from '../events/event-dispatcher';
import type { NotificationKind } from '../contract/generated/resolvers-types';
import { ChallengeModel } from '../challenges/challenge.model';
import { SolutionModel } from '../solutions/solution.model';
import { OrganisationModel } from '../organisations/organisation.model';
import { ResponseModel } from '../responses/response.model';
import { ClarificationModel } from '../clarifications/clarification.model';
import { MatchModel, type MatchRecord } from '../matching/match.model';
import { PilotModel, type PilotRecord } from '../pilots/pilot.model';
import type { NotificationSubjectRecord } from './notification.model';

/**
 * What one domain event tells, and whom: the members of `organisationIds`, plus the staff it
 * concerns (`staffUserIds`: whoever made an introduction hears how it ended), never the person
 * whose own action it was.
 */
export interface NotificationPlan {
  kind: NotificationKind;
  organisationIds: Types.ObjectId[];
  staffUserIds: Types.ObjectId[];
  actorId?: string;
  title: string;
  body: string;
  subject: NotificationSubjectRecord;
}

const quoted = (text: string) => `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`;
const day = (date: Date) => date.toISOString().slice(0, 10);

async function titleOf(challengeId: Types.ObjectId): Promise<string> {
  const challenge = await ChallengeModel.findById(challengeId).select({ title: 1 }).lean();
  return challenge ? quoted(challenge.title) : 'a challenge';
}

async function solutionNameOf(solutionId: Types.ObjectId): Promise<string> {
  const solution = await SolutionModel.findById(solutionId).select({ name: 1 }).lean();
  return solution?.name ?? 'a solution';
}

async function organisationNameOf(organisationId: Types.ObjectId): Promise<string> {
  const organisation = await OrganisationModel.findById(organisationId).select({ name: 1 }).lean();
  return organisation?.name ?? 'An organisation';
}

async function responseSubmitted(event: RecordedEvent): Promise<NotificationPlan | undefined> {
  const response = await ResponseModel.findById(event.recordId).lean();
  if (!response) return undefined;
  const [challenge, startup, solution] = await Promise.all([titleOf(response.challengeId), organisationNameOf(response.organisationId), solutionNameOf(response.solutionId)]);
  return {
    kind: 'RESPONSE_RECEIVED',
    organisationIds: [response.challengeOrganisationId],
    staffUserIds: [],
    actorId: event.actorId,
    title: `New response to ${challenge}`,
    body: `${startup} responded with ${solution}.`,
    subject: { kind: 'RESPONSE', id: response._id, challengeId: response.challengeId },
  };
}

async function questionAnswered(event: RecordedEvent): Promise<NotificationPlan | undefined> {
  const clarification = await ClarificationModel.findById(event.recordId).lean();
  if (!clarification) return undefined;
  return {
    kind: 'QUESTION_ANSWERED',
    organisationIds: [clarification.askedByOrganisationId],
    staffUserIds: [],
    actorId: event.actorId,
    title: `Your question on ${await titleOf(clarification.challengeId)} was answered`,
    body: `You asked: ${quoted(clarification.question)}. The answer is published with the challenge.`,
    subject: { kind: 'CLARIFICATION', id: clarification._id, challengeId: clarification.challengeId },
  };
}

const introductionKinds: Partial<Record<string, NotificationKind>> = {
  'match.INTRODUCE': 'INTRODUCTION_MADE',
  'match.ACCEPT': 'INTRODUCTION_ACCEPTED',
  'match.DECLINE': 'INTRODUCTION_DECLINED',
};

async function introductionBody(event: RecordedEvent, match: MatchRecord, pair: string): Promise<string> {
  // The match's log entry for this event names the side that acted (matchEvents numbers entries from 1).
  const entry = match.history[event.version - 1];
  const side = async () =>
    organisationNameOf(entry?.party === 'STARTUP' ? match.solutionOrganisationId : match.challengeOrganisationId);
  if (event.name === 'match.INTRODUCE') return `Pilotline staff introduced ${pair}. Each side accepts or declines the introduction.`;
  if (event.name === 'match.DECLINE') return `${await side()} declined the introduction of ${pair}${match.declineReason ? `: ${match.declineReason}` : '.'}`;
  if (event.to === 'ACCEPTED') return `Both sides accepted the introduction of ${pair}; a pilot can now be started.`;
  return `${await side()} accepted the introduction of ${pair}; waiting for the other side.`;
}

async function introductionChanged(event: RecordedEvent, kind: NotificationKind): Promise<NotificationPlan | undefined> {
  const match = await MatchModel.findById(event.recordId).lean();
  if (!match) return undefined;
  const [challenge, solution] = await Promise.all([titleOf(match.challengeId), solutionNameOf(match.solutionId)]);
  const pair = `${solution} and the challenge ${challenge}`;
  const introducers = kind === 'INTRODUCTION_MADE' ? [] : match.history.filter((entry) => entry.event === 'INTRODUCE' && entry.byUserId).map((entry) => entry.byUserId!);
  const headline = { INTRODUCTION_MADE: 'Introduction', INTRODUCTION_ACCEPTED: 'Introduction accepted', INTRODUCTION_DECLINED: 'Introduction declined' }[
    kind as 'INTRODUCTION_MADE' | 'INTRODUCTION_ACCEPTED' | 'INTRODUCTION_DECLINED'
  ];
  return {
    kind,
    organisationIds: [match.challengeOrganisationId, match.solutionOrganisationId],
    staffUserIds: introducers,
    actorId: event.actorId,
    title: `${headline}: ${solution} for ${challenge}`,
    body: await introductionBody(event, match, pair),
    subject: { kind: 'MATCH', id: match._id, challengeId: match.challengeId },
  };
}

async function pilotPlan(event: RecordedEvent, pilot: PilotRecord, kind: NotificationKind, title: (about: string) => string, body: string): Promise<NotificationPlan> {
  const [challenge, solution] = await Promise.all([titleOf(pilot.challengeId), solutionNameOf(pilot.solutionId)]);
  const about = `the pilot of ${solution} for ${challenge}`;
  return {
    kind,
    organisationIds: [pilot.challengeOrganisationId, pilot.solutionOrganisationId],
    staffUserIds: [],
    actorId: event.actorId,
    title: title(about),
    body: body.replace('{pilot}', about),
    subject: { kind: 'PILOT', id: pilot._id, challengeId: pilot.challengeId },
  };
}

async function pilotChanged(event: RecordedEvent): Promise<NotificationPlan | undefined> {
  const pilot = await PilotModel.findById(event.recordId).lean();
  if (!pilot) return undefined;
  if (event.name === 'pilot.START') {
    return pilotPlan(event, pilot, 'PILOT_STARTED', (about) => `Pilot started: ${about}`, 'Plan it together: refine its KPIs and add its milestones before it goes live.');
  }
  if (event.name === 'pilot.MILESTONE_OVERDUE') {
    const milestone = pilot.milestones.find((candidate) => candidate._id.toHexString() === event.subject);
    if (!milestone) return undefined;
    return pilotPlan(event, pilot, 'MILESTONE_OVERDUE', () => `Milestone overdue: ${milestone.title}`, `It was due on ${day(milestone.dueOn)} on {pilot} and is not done yet.`);
  }
  if (event.name === 'pilot.RECORD_MEASUREMENT') {
    const kpi = pilot.kpis.find((candidate) => candidate.name === event.subject);
    if (!kpi) return undefined;
    const measurement = kpi.measurements.find((candidate) => candidate.recordedAt.getTime() === event.at.getTime());
    const value = measurement ? `${measurement.value} ${kpi.unit}` : 'a new value';
    return pilotPlan(event, pilot, 'KPI_RECORDED', () => `${kpi.name}: ${value} recorded`, `On {pilot}; the baseline is ${kpi.baseline} and the target ${kpi.target} ${kpi.unit}.`);
  }
  return undefined;
}

/** The notification an event calls for, or undefined when it calls for none (or its record is gone). */
export function planFor(event: RecordedEvent): Promise<NotificationPlan | undefined> {
  if (event.name === 'response.SUBMIT') return responseSubmitted(event);
  if (event.name === 'clarification.ANSWER') return questionAnswered(event);
  const introduction = introductionKinds[event.name];
  if (introduction) return introductionChanged(event, introduction);
  if (event.entity === 'pilot') return pilotChanged(event);
  return Promise.resolve(undefined);
}
