import type { NotificationKind, NotificationSubjectKind } from '../../gql/graphql';

/** Where a notification takes its reader: the page that shows the record it is about. */
export function notificationLink(subject: { kind: NotificationSubjectKind; id: string; challengeId: string }): string {
  switch (subject.kind) {
    case 'PILOT':
      return `/pilots/${subject.id}`;
    case 'MATCH':
      return '/introductions';
    case 'RESPONSE':
    case 'CLARIFICATION':
      return `/challenges/${subject.challengeId}`;
  }
}

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  RESPONSE_RECEIVED: 'A start-up responds to one of our challenges',
  QUESTION_ANSWERED: 'A public body answers a question we asked',
  INTRODUCTION_MADE: 'We are introduced to a public body or start-up',
  INTRODUCTION_ACCEPTED: 'An introduction is accepted',
  INTRODUCTION_DECLINED: 'An introduction is declined',
  PILOT_STARTED: 'A pilot starts',
  MILESTONE_OVERDUE: 'A pilot milestone is overdue',
  KPI_RECORDED: 'A KPI measurement is recorded on a pilot',
};
