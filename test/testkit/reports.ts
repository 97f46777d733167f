import { graphql } from '../generated';

/** The whole staff dashboard. */
export const Dashboard = graphql(`
  query TestkitDashboard($filter: ReportFilter) {
    dashboard(filter: $filter) {
      funnel {
        stage
        count
        conversionFromPrevious
        challengesReached
        shareOfChallenges
      }
      medianDaysToFirstIntroduction
      medianDaysIntroductionToPilot
      pilotsByStatus {
        status
        count
      }
      pilotOutcomes {
        outcome
        count
      }
      kpiAchievement {
        measuredKpis
        achievedKpis
        medianProgress
        medianProgressOfCompletedPilots
      }
      topSectors {
        sector
        challenges
        pilots
        adopted
      }
    }
  }
`);

/** The fairness view, its start-ups named. */
export const Fairness = graphql(`
  query TestkitFairness($filter: ReportFilter, $first: Int) {
    fairness(filter: $filter, first: $first) {
      startups {
        organisation {
          id
          name
        }
        suggested
        shortlisted
        accepted
        shareOfSuggestions
      }
      startupCount
      neverSuggested
      topDecileShare
      suggestionGini
    }
  }
`);
