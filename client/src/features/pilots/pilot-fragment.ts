import { graphql } from '../../gql';

/** Everything the pilot page shows; every pilot mutation answers with it, so the page stays whole. */
export const PilotDetail_PilotFragment = graphql(`
  fragment PilotDetail_Pilot on Pilot {
    id
    status
    version
    plannedLengthWeeks
    liveAt
    plannedEndOn
    createdAt
    viewerCan {
      goLive
      addMilestone
      completeMilestone
      recordMeasurement
      postUpdate
    }
    challenge {
      id
      title
      organisation {
        id
        name
      }
    }
    solution {
      id
      name
      organisation {
        id
        name
      }
    }
    kpis {
      name
      unit
      baseline
      target
      direction
      latestValue
      progress
      onTrack
      measurements {
        value
        measuredOn
        note
        recordedAt
        recordedByUserId
      }
    }
    milestones {
      id
      title
      deliverable
      successCriterion
      dueOn
      doneOn
      overdue
    }
    updates {
      text
      party
      at
      byUserId
    }
  }
`);
