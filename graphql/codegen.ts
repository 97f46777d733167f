import type { CodegenConfig } from '@graphql-codegen/cli';

/** One config feeds the server resolvers, the tests' typed operations and the web client's. */
const config: CodegenConfig = {
  schema: 'graphql/*.graphql',
  ignoreNoDocuments: true,
  generates: {
    'server/src/contract/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../../graphql/context#GraphQLContext',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'Date | string' },
        mappers: {
          Organisation: '../../organisations/organisation.model#OrganisationRecord',
          Viewer: '../../shared/actor#UserActor',
          Invitation: '../../organisations/invitation.model#InvitationRecord',
          PlatformUser: '../../users/user.model#UserRecord',
          Challenge: '../../challenges/challenge.model#ChallengeRecord',
          Clarification: '../../clarifications/clarification.model#ClarificationRecord',
          Solution: '../../solutions/solution.model#SolutionRecord',
          SolutionTrackRecord: '../../solutions/solution.model#SolutionTrackRecordRecord',
          Response: '../../responses/response.model#ResponseRecord',
          AuditEvent: '../../audit/audit-event.model#AuditEventRecord',
          Match: '../../matching/match.model#MatchRecord',
          MatchTransition: '../../matching/match.model#MatchTransitionRecord',
          MatchStaffNote: '../../matching/match.model#MatchStaffNoteRecord',
          MatchExplanation: '../../matching/match-scoring#ExplanationRecord',
          MatchFeatureContribution: '../../matching/match-scoring#FeatureContribution',
          MatchRun: '../../matching/match.service#MatchRunResult',
          ChallengeRecommendation: '../../matching/match.service#RecommendationRecord',
          MatchingWeights: '../../matching/match.service#WeightsInForce',
          Pilot: '../../pilots/pilot.model#PilotRecord',
          PilotKpi: '../../pilots/pilot.progress#PilotKpiView',
          PilotMeasurement: '../../pilots/pilot.model#PilotMeasurementRecord',
          PilotMilestone: '../../pilots/pilot.model#PilotMilestoneRecord',
          PilotUpdate: '../../pilots/pilot.model#PilotUpdateRecord',
          PilotOutcome: '../../pilots/pilot.model#PilotOutcomeRecord',
          JointPilotCandidate: '../../pilots/joint-pilots#JointPilotCandidateRecord',
          Notification: '../../notifications/notification.model#NotificationRecord',
          NotificationSubject: '../../notifications/notification.model#NotificationSubjectRecord',
          FairnessReport: '../../reporting/fairness.service#FairnessRecord',
          StartupExposure: '../../reporting/fairness.service#StartupExposureRecord',
        },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        maybeValue: 'T | null',
      },
    },
    'test/generated/': {
      documents: ['test/**/*.ts', '!test/generated/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
    // Fragments are masked: a component sees only the fields its own colocated fragment asks for.
    'client/src/gql/': {
      documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**', '!client/src/**/*.test.{ts,tsx}'],
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
    // The error contract (errors.graphql) is never queried, so the preset above emits none of it; the
    // client reads ErrorCode, EligibilityRule and the shape of `extensions` from here instead.
    'client/src/gql/schema-types.ts': {
      plugins: ['typescript'],
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' }, maybeValue: 'T | null' },
    },
  },
};

export default config;
