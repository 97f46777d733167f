import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrganisationRecord } from '../../organisations/organisation.model';
import type { UserActor } from '../../shared/actor';
import type { InvitationRecord } from '../../organisations/invitation.model';
import type { UserRecord } from '../../users/user.model';
import type { ChallengeRecord } from '../../challenges/challenge.model';
import type { ClarificationRecord } from '../../clarifications/clarification.model';
import type { SolutionRecord } from '../../solutions/solution.model';
import type { ResponseRecord } from '../../responses/response.model';
import type { GraphQLContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, as an ISO-8601 string in UTC. */
  DateTime: { input: Date | string; output: Date | string; }
};

export type AcceptInvitationInput = {
  token: Scalars['String']['input'];
};

/** Assurance a supplier may need before a public body can work with them. */
export type Accreditation =
  | 'CYBER_ESSENTIALS'
  | 'CYBER_ESSENTIALS_PLUS'
  /** Clinical risk management for health IT manufacturers. */
  | 'DCB0129'
  /** NHS Data Security and Protection Toolkit. */
  | 'DSPT'
  /** NHS Digital Technology Assessment Criteria. */
  | 'DTAC'
  | 'G_CLOUD'
  | 'ISO_9001'
  | 'ISO_27001'
  /** Non Police Personnel Vetting. */
  | 'NPPV';

/** An accreditation held, with who issued it and when it lapses. */
export type AccreditationDetails = {
  __typename?: 'AccreditationDetails';
  expiresAt: Scalars['DateTime']['output'];
  issuer: Scalars['String']['output'];
  type: Accreditation;
};

export type AccreditationInput = {
  expiresAt: Scalars['DateTime']['input'];
  issuer: Scalars['String']['input'];
  type: Accreditation;
};

export type AnswerClarificationInput = {
  answer: Scalars['String']['input'];
  clarificationId: Scalars['ID']['input'];
};

export type AskClarificationInput = {
  challengeId: Scalars['ID']['input'];
  question: Scalars['String']['input'];
};

/**
 * A problem a public body wants solved with a start-up: what it is, why it matters, how a partner
 * could work with the body, and the terms of the pilot.
 */
export type Challenge = {
  __typename?: 'Challenge';
  /** The lifecycle events the viewer may fire now: allowed by the state and by the viewer's role. */
  allowedEvents: Array<ChallengeEvent>;
  budgetMaxGbp: Scalars['Int']['output'];
  budgetMinGbp: Scalars['Int']['output'];
  /**
   * Clarification questions. Everyone who can see the challenge sees the answered ones; the owner
   * and staff also see unanswered ones; a start-up also sees its own unanswered questions.
   */
  clarifications: Array<Clarification>;
  /** Set when status is CLOSED. */
  closeReason: Maybe<ChallengeCloseReason>;
  closedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** How the body could work with a partner: data access, constraints, procurement route. */
  how: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kpis: Array<SuccessKpi>;
  /** The lowest technology readiness level (1-9) a solution must have reached. */
  minTrl: Scalars['Int']['output'];
  /** The public body that owns the challenge. */
  organisation: Organisation;
  pilotLengthWeeks: Scalars['Int']['output'];
  publishedAt: Maybe<Scalars['DateTime']['output']>;
  region: Region;
  requiredAccreditations: Array<Accreditation>;
  /** Submitted (non-draft) responses; visible to the owner and staff only, null for everyone else. */
  responseCount: Maybe<Scalars['Int']['output']>;
  /** Responses are accepted until this instant; afterwards the challenge is CLOSED. */
  responseDeadline: Scalars['DateTime']['output'];
  /** Responses received: for the owning public body and staff; a responding start-up sees only its own. */
  responses: ResponseConnection;
  /** One to three sectors. */
  sectors: Array<Sector>;
  /** What staff asked to change when they last sent it back; visible to the owner and staff only. */
  staffFeedback: Maybe<Scalars['String']['output']>;
  status: ChallengeStatus;
  /** One paragraph, shown in lists. */
  summary: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Increases with every change; send it back as expectedVersion. */
  version: Scalars['Int']['output'];
  viewerCan: ChallengePermissions;
  /** The problem. */
  what: Scalars['String']['output'];
  /** Who is affected, the impact, and why now. */
  why: Scalars['String']['output'];
};


/**
 * A problem a public body wants solved with a start-up: what it is, why it matters, how a partner
 * could work with the body, and the terms of the pilot.
 */
export type ChallengeResponsesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Why a challenge is CLOSED. */
export type ChallengeCloseReason =
  /** The owner or staff closed it before the deadline. */
  | 'CLOSED_EARLY'
  /** The response deadline passed. */
  | 'DEADLINE_PASSED';

export type ChallengeConnection = {
  __typename?: 'ChallengeConnection';
  edges: Array<ChallengeEdge>;
  pageInfo: PageInfo;
  /** How many challenges match the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ChallengeEdge = {
  __typename?: 'ChallengeEdge';
  cursor: Scalars['String']['output'];
  node: Challenge;
};

/** Something that moves a challenge through its lifecycle; each mutation fires one. */
export type ChallengeEvent =
  /** File a closed or withdrawn challenge away. Owning public body or staff. */
  | 'ARCHIVE'
  /** Stop accepting responses before the deadline. Owning public body or staff. */
  | 'CLOSE'
  /** Open the challenge to start-ups. Staff. */
  | 'PUBLISH'
  /** Send the challenge back to DRAFT with feedback. Staff. */
  | 'REQUEST_CHANGES'
  /** Send the draft for review. Owning public body, once staff have verified it. */
  | 'SUBMIT'
  /** Edit the draft (it stays DRAFT). Owning public body. */
  | 'UPDATE'
  /** Take the challenge back. Owning public body. */
  | 'WITHDRAW';

export type ChallengeFacet =
  | 'BUDGET_BAND'
  | 'MIN_TRL'
  | 'ORGANISATION_TYPE'
  | 'REGION'
  | 'REQUIRED_ACCREDITATIONS'
  | 'SECTORS'
  | 'STATUS';

export type ChallengeFilter = {
  /** Only challenges owned by the viewer's organisations. */
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  region?: InputMaybe<Region>;
  /** Challenges in any of these sectors. */
  sectors?: InputMaybe<Array<Sector>>;
  /** Anyone other than staff only ever sees OPEN challenges and their own organisations' challenges. */
  status?: InputMaybe<ChallengeStatus>;
};

/** What the viewer may do with a challenge; the UI reads this instead of guessing. */
export type ChallengePermissions = {
  __typename?: 'ChallengePermissions';
  /** Members of the owning public body. */
  answerQuestion: Scalars['Boolean']['output'];
  archive: Scalars['Boolean']['output'];
  /** Members of a verified start-up, while the challenge is open for responses. */
  askQuestion: Scalars['Boolean']['output'];
  close: Scalars['Boolean']['output'];
  publish: Scalars['Boolean']['output'];
  requestChanges: Scalars['Boolean']['output'];
  /** Members of a verified start-up, while the challenge is open for responses. */
  respond: Scalars['Boolean']['output'];
  submit: Scalars['Boolean']['output'];
  update: Scalars['Boolean']['output'];
  withdraw: Scalars['Boolean']['output'];
};

export type ChallengeSearchHit = {
  __typename?: 'ChallengeSearchHit';
  challenge: Challenge;
  highlights: Array<SearchHighlight>;
  /** Relevance in 0..1, comparable within one result set. */
  score: Scalars['Float']['output'];
};

export type ChallengeSearchResult = {
  __typename?: 'ChallengeSearchResult';
  estimatedTotalHits: Scalars['Int']['output'];
  /** Facet counts describe the keyword matches. */
  facets: Array<Facet>;
  hits: Array<ChallengeSearchHit>;
  /** The mode that produced these results. */
  mode: SearchMode;
  pageInfo: PageInfo;
  processingTimeMs: Scalars['Int']['output'];
  /** Whether meaning was used: false when semantic search is unavailable (no model) or the query had no words to embed. */
  semantic: Scalars['Boolean']['output'];
};

export type ChallengeSearchSort =
  | 'BUDGET_HIGHEST'
  | 'DEADLINE_SOONEST'
  | 'NEWEST'
  | 'RELEVANCE';

/**
 * Where a challenge is in its lifecycle. Start-ups and anonymous visitors see OPEN challenges only;
 * the owning public body and staff see every state.
 */
export type ChallengeStatus =
  /** Kept for the record; no further changes. */
  | 'ARCHIVED'
  /** No longer accepting responses: the deadline passed, or the owner or staff closed it early. */
  | 'CLOSED'
  /** Being written by the owning public body; only it and staff can see it. */
  | 'DRAFT'
  /** Published: start-ups can see it, ask clarification questions and respond until the deadline. */
  | 'OPEN'
  /** Waiting for staff to review it. */
  | 'SUBMITTED_FOR_REVIEW'
  /** The owner took it back before it closed. */
  | 'WITHDRAWN';

/** Fires a lifecycle event that needs nothing but the challenge and its version. */
export type ChallengeTransitionInput = {
  challengeId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
};

/**
 * A question a start-up asked about a challenge, and the owner's answer. Who asked is never
 * published: not even the owner sees it.
 */
export type Clarification = {
  __typename?: 'Clarification';
  /** Null until the owning public body answers. */
  answer: Maybe<Scalars['String']['output']>;
  answeredAt: Maybe<Scalars['DateTime']['output']>;
  askedAt: Scalars['DateTime']['output'];
  /** True when the viewer's organisation asked this question. */
  askedByViewer: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  question: Scalars['String']['output'];
};

export type CreateChallengeInput = {
  budgetMaxGbp: Scalars['Int']['input'];
  budgetMinGbp: Scalars['Int']['input'];
  how: Scalars['String']['input'];
  kpis: Array<SuccessKpiInput>;
  minTrl: Scalars['Int']['input'];
  /** A public body the viewer belongs to. */
  organisationId: Scalars['ID']['input'];
  pilotLengthWeeks: Scalars['Int']['input'];
  region: Region;
  requiredAccreditations?: InputMaybe<Array<Accreditation>>;
  responseDeadline: Scalars['DateTime']['input'];
  sectors: Array<Sector>;
  summary: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title: Scalars['String']['input'];
  what: Scalars['String']['input'];
  why: Scalars['String']['input'];
};

export type CreateSolutionInput = {
  capabilities?: InputMaybe<Array<Scalars['String']['input']>>;
  description: Scalars['String']['input'];
  evidence?: InputMaybe<Array<EvidenceItemInput>>;
  name: Scalars['String']['input'];
  /** A start-up the viewer belongs to. */
  organisationId: Scalars['ID']['input'];
  priceMaxGbp: Scalars['Int']['input'];
  priceMinGbp: Scalars['Int']['input'];
  pricingModel: PricingModel;
  regionsServed: Array<Region>;
  sectors: Array<Sector>;
  summary: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  trl: Scalars['Int']['input'];
};

export type DeclineResponseInput = {
  expectedVersion: Scalars['Int']['input'];
  /** Shown to the start-up. */
  reason: Scalars['String']['input'];
  responseId: Scalars['ID']['input'];
};

/** Something that backs a solution's claims. */
export type EvidenceItem = {
  __typename?: 'EvidenceItem';
  /** Set only for ACCREDITATION items. */
  accreditation: Maybe<AccreditationDetails>;
  description: Scalars['String']['output'];
  /** True when this is an accreditation past its expiry date. */
  expired: Scalars['Boolean']['output'];
  kind: EvidenceKind;
  url: Maybe<Scalars['String']['output']>;
};

export type EvidenceItemInput = {
  /** Required for ACCREDITATION items, and only allowed for them. */
  accreditation?: InputMaybe<AccreditationInput>;
  description: Scalars['String']['input'];
  kind: EvidenceKind;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type EvidenceKind =
  | 'ACCREDITATION'
  | 'CASE_STUDY'
  | 'CERTIFICATION'
  | 'PREVIOUS_DEPLOYMENT';

/** How many results carry each value of one attribute, after filtering. */
export type Facet = {
  __typename?: 'Facet';
  name: Scalars['String']['output'];
  values: Array<FacetValue>;
};

export type FacetValue = {
  __typename?: 'FacetValue';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

/** An invitation to join an organisation, as seen by whoever holds its token. */
export type Invitation = {
  __typename?: 'Invitation';
  acceptedAt: Maybe<Scalars['DateTime']['output']>;
  email: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  organisation: Organisation;
  role: MembershipRole;
};

export type InviteMemberInput = {
  email: Scalars['String']['input'];
  organisationId: Scalars['ID']['input'];
  role?: InputMaybe<MembershipRole>;
};

/** Whether a KPI improves by going up or down. */
export type KpiDirection =
  | 'DECREASE'
  | 'INCREASE';

/** How the start-up proposes to move one of the challenge's KPIs. */
export type KpiNote = {
  __typename?: 'KpiNote';
  kpiName: Scalars['String']['output'];
  note: Scalars['String']['output'];
};

export type KpiNoteInput = {
  kpiName: Scalars['String']['input'];
  note: Scalars['String']['input'];
};

export type Member = {
  __typename?: 'Member';
  email: Scalars['String']['output'];
  name: Scalars['String']['output'];
  role: MembershipRole;
  userId: Scalars['ID']['output'];
};

export type MembershipRole =
  | 'MEMBER'
  /** Can invite members and manage the organisation's profile. */
  | 'OWNER';

/** Budget or price bands, for faceting by order of magnitude. */
export type MoneyBand =
  | 'FROM_25K_TO_100K'
  | 'FROM_100K_TO_250K'
  | 'OVER_250K'
  | 'UNDER_25K';

/** The root of every write. Each mutation takes a single `input` argument. */
export type Mutation = {
  __typename?: 'Mutation';
  /** A signed-in user joins the organisation of an invitation addressed to their email. */
  acceptInvitation: Viewer;
  /** Members of the owning public body answer; the answer is published to everyone who can see the challenge. */
  answerClarification: Clarification;
  /** Owning public body or staff: CLOSED or WITHDRAWN to ARCHIVED. */
  archiveChallenge: Challenge;
  archiveSolution: Solution;
  /** Members of a verified start-up ask about an OPEN challenge. */
  askClarification: Clarification;
  /** Owning public body or staff: OPEN to CLOSED before the deadline. */
  closeChallenge: Challenge;
  /** Members of a public body start a DRAFT for it. */
  createChallenge: Challenge;
  /** Members of a start-up describe a solution; it starts as a DRAFT. */
  createSolution: Solution;
  declineResponse: Response;
  /** Members invite by email; the invitee receives a link with a token. */
  inviteMember: Invitation;
  /** Always true; lets clients check that mutations are accepted. */
  ping: Scalars['Boolean']['output'];
  /** Staff: SUBMITTED_FOR_REVIEW to OPEN. */
  publishChallenge: Challenge;
  /** Members of a verified start-up make a solution public. */
  publishSolution: Solution;
  /** Staff: SUBMITTED_FOR_REVIEW back to DRAFT, with feedback. */
  requestChallengeChanges: Challenge;
  /** Admins only. */
  setPlatformRoles: PlatformUser;
  shortlistResponse: Response;
  /** Members of the owning public body, once it is verified: DRAFT to SUBMITTED_FOR_REVIEW. */
  submitChallenge: Challenge;
  /**
   * A start-up member responds to an OPEN challenge before its deadline. Refused with NOT_ELIGIBLE,
   * listing every failed rule in `extensions.failedRules`, when the start-up or solution does not qualify.
   */
  submitResponse: Response;
  unpublishSolution: Solution;
  /** Members of the owning public body, while DRAFT. */
  updateChallenge: Challenge;
  /** Owners and staff. */
  updateOrganisation: Organisation;
  updateResponse: Response;
  updateSolution: Solution;
  /** Staff only. */
  verifyOrganisation: Organisation;
  /** Owning public body: DRAFT, SUBMITTED_FOR_REVIEW or OPEN to WITHDRAWN. */
  withdrawChallenge: Challenge;
  withdrawResponse: Response;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationAcceptInvitationArgs = {
  input: AcceptInvitationInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationAnswerClarificationArgs = {
  input: AnswerClarificationInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationArchiveChallengeArgs = {
  input: ChallengeTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationArchiveSolutionArgs = {
  input: SolutionTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationAskClarificationArgs = {
  input: AskClarificationInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationCloseChallengeArgs = {
  input: ChallengeTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationCreateChallengeArgs = {
  input: CreateChallengeInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationCreateSolutionArgs = {
  input: CreateSolutionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationDeclineResponseArgs = {
  input: DeclineResponseInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationInviteMemberArgs = {
  input: InviteMemberInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationPublishChallengeArgs = {
  input: ChallengeTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationPublishSolutionArgs = {
  input: SolutionTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationRequestChallengeChangesArgs = {
  input: RequestChallengeChangesInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationSetPlatformRolesArgs = {
  input: SetPlatformRolesInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationShortlistResponseArgs = {
  input: ResponseTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationSubmitChallengeArgs = {
  input: ChallengeTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationSubmitResponseArgs = {
  input: SubmitResponseInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationUnpublishSolutionArgs = {
  input: SolutionTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationUpdateChallengeArgs = {
  input: UpdateChallengeInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationUpdateOrganisationArgs = {
  input: UpdateOrganisationInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationUpdateResponseArgs = {
  input: UpdateResponseInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationUpdateSolutionArgs = {
  input: UpdateSolutionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationVerifyOrganisationArgs = {
  input: VerifyOrganisationInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationWithdrawChallengeArgs = {
  input: ChallengeTransitionInput;
};


/** The root of every write. Each mutation takes a single `input` argument. */
export type MutationWithdrawResponseArgs = {
  input: ResponseTransitionInput;
};

/** A council, NHS trust, police force, department, start-up or the accelerator. */
export type Organisation = {
  __typename?: 'Organisation';
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: OrganisationKind;
  /** Visible to the organisation's members and to staff; empty for everyone else. */
  members: Array<Member>;
  name: Scalars['String']['output'];
  /** Set only for public bodies. */
  publicBodyType: Maybe<PublicBodyType>;
  region: Maybe<Region>;
  /** Staff verify a new organisation before it can publish challenges or solutions. */
  verified: Scalars['Boolean']['output'];
  verifiedAt: Maybe<Scalars['DateTime']['output']>;
  viewerCan: OrganisationPermissions;
  website: Maybe<Scalars['String']['output']>;
};

export type OrganisationConnection = {
  __typename?: 'OrganisationConnection';
  edges: Array<OrganisationEdge>;
  pageInfo: PageInfo;
};

export type OrganisationEdge = {
  __typename?: 'OrganisationEdge';
  cursor: Scalars['String']['output'];
  node: Organisation;
};

export type OrganisationFacet =
  | 'KIND'
  | 'PUBLIC_BODY_TYPE'
  | 'REGION';

export type OrganisationFilter = {
  kind?: InputMaybe<OrganisationKind>;
  /** Staff only: filter on verification, e.g. to find organisations awaiting it. */
  verified?: InputMaybe<Scalars['Boolean']['input']>;
};

export type OrganisationKind =
  | 'ACCELERATOR'
  | 'PUBLIC_BODY'
  | 'STARTUP';

/** What the viewer may do with an organisation; the UI reads this instead of guessing. */
export type OrganisationPermissions = {
  __typename?: 'OrganisationPermissions';
  invite: Scalars['Boolean']['output'];
  seeMembers: Scalars['Boolean']['output'];
  update: Scalars['Boolean']['output'];
  verify: Scalars['Boolean']['output'];
};

export type OrganisationSearchHit = {
  __typename?: 'OrganisationSearchHit';
  highlights: Array<SearchHighlight>;
  organisation: Organisation;
  score: Scalars['Float']['output'];
};

export type OrganisationSearchResult = {
  __typename?: 'OrganisationSearchResult';
  estimatedTotalHits: Scalars['Int']['output'];
  facets: Array<Facet>;
  hits: Array<OrganisationSearchHit>;
  pageInfo: PageInfo;
  processingTimeMs: Scalars['Int']['output'];
};

/** Cursor pagination, shared by every list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** Platform-wide roles held by accelerator people. */
export type PlatformRole =
  /** Runs the platform; always has STAFF rights too. */
  | 'ADMIN'
  /** Accelerator curators: verify organisations, review challenges, curate matches. */
  | 'STAFF';

/** A user as an administrator manages them. */
export type PlatformUser = {
  __typename?: 'PlatformUser';
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  roles: Array<PlatformRole>;
};

/** How a start-up charges for a solution. */
export type PricingModel =
  | 'FIXED_PRICE'
  | 'OTHER'
  | 'PER_TRANSACTION'
  | 'PER_USER'
  | 'SUBSCRIPTION';

export type PublicBodyType =
  | 'CENTRAL_GOVERNMENT'
  | 'COUNCIL'
  | 'NHS_TRUST'
  | 'OTHER'
  | 'POLICE_FORCE';

/** The root of every read. Features add their fields with `extend type Query`. */
export type Query = {
  __typename?: 'Query';
  /** A challenge the viewer may see; hidden and missing challenges are both NOT_FOUND. */
  challenge: Maybe<Challenge>;
  /** Newest first. */
  challenges: ChallengeConnection;
  /** Looks up a pending invitation by its secret token, to show who is inviting whom. */
  invitation: Maybe<Invitation>;
  /** Verified organisations are public; unverified ones only to their members and staff. */
  organisation: Maybe<Organisation>;
  organisations: OrganisationConnection;
  /** Always true; lets clients check that the API answers. */
  ping: Scalars['Boolean']['output'];
  response: Maybe<Response>;
  responses: ResponseConnection;
  /** Full-text search over the challenges the viewer may see, with facets; SEARCH_UNAVAILABLE when the engine is down. */
  searchChallenges: ChallengeSearchResult;
  /** Verified organisations, plus the viewer's own (all, for staff). */
  searchOrganisations: OrganisationSearchResult;
  /** Full-text search over published solutions (and the viewer's own), with facets. */
  searchSolutions: SolutionSearchResult;
  /** Published solutions are public; drafts and archived ones only to their start-up and staff. */
  solution: Maybe<Solution>;
  solutions: SolutionConnection;
  /** The signed-in user, or null for anonymous visitors. */
  viewer: Maybe<Viewer>;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryChallengeArgs = {
  id: Scalars['ID']['input'];
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryChallengesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ChallengeFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryInvitationArgs = {
  token: Scalars['String']['input'];
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryOrganisationArgs = {
  id: Scalars['ID']['input'];
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryOrganisationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrganisationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryResponseArgs = {
  id: Scalars['ID']['input'];
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QueryResponsesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResponseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QuerySearchChallengesArgs = {
  input: SearchChallengesInput;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QuerySearchOrganisationsArgs = {
  input: SearchOrganisationsInput;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QuerySearchSolutionsArgs = {
  input: SearchSolutionsInput;
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QuerySolutionArgs = {
  id: Scalars['ID']['input'];
};


/** The root of every read. Features add their fields with `extend type Query`. */
export type QuerySolutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SolutionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * UK ITL1 regions, plus the whole of the UK. Shared by organisations, challenges and solutions
 * so that matching compares like with like.
 */
export type Region =
  | 'EAST_MIDLANDS'
  | 'EAST_OF_ENGLAND'
  | 'LONDON'
  | 'NORTHERN_IRELAND'
  | 'NORTH_EAST'
  | 'NORTH_WEST'
  | 'SCOTLAND'
  | 'SOUTH_EAST'
  | 'SOUTH_WEST'
  | 'UK_WIDE'
  | 'WALES'
  | 'WEST_MIDLANDS'
  | 'YORKSHIRE_AND_THE_HUMBER';

export type RequestChallengeChangesInput = {
  challengeId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  /** What the owner should change; shown to them with the draft. */
  feedback: Scalars['String']['input'];
};

/**
 * A start-up's answer to a challenge with one of its published solutions. Seen by the start-up,
 * the public body that owns the challenge, and staff; never by other start-ups.
 */
export type Response = {
  __typename?: 'Response';
  allowedEvents: Array<ResponseEvent>;
  challenge: Challenge;
  /** Shown to the start-up when the response is declined. */
  declineReason: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  indicativePriceGbp: Scalars['Int']['output'];
  /** How the start-up would approach the success KPIs. */
  kpiApproach: Scalars['String']['output'];
  kpiNotes: Array<KpiNote>;
  /** The responding start-up. */
  organisation: Organisation;
  /** How the solution addresses the challenge's what, why and how. */
  pitch: Scalars['String']['output'];
  solution: Solution;
  status: ResponseStatus;
  submittedAt: Scalars['DateTime']['output'];
  timelineWeeks: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
  viewerCan: ResponsePermissions;
};

export type ResponseConnection = {
  __typename?: 'ResponseConnection';
  edges: Array<ResponseEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ResponseEdge = {
  __typename?: 'ResponseEdge';
  cursor: Scalars['String']['output'];
  node: Response;
};

export type ResponseEvent =
  | 'DECLINE'
  | 'SHORTLIST'
  | 'UPDATE'
  | 'WITHDRAW';

export type ResponseFilter = {
  challengeId?: InputMaybe<Scalars['ID']['input']>;
  /** Only responses made by the viewer's start-ups. */
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  status?: InputMaybe<ResponseStatus>;
};

export type ResponsePermissions = {
  __typename?: 'ResponsePermissions';
  decline: Scalars['Boolean']['output'];
  shortlist: Scalars['Boolean']['output'];
  update: Scalars['Boolean']['output'];
  withdraw: Scalars['Boolean']['output'];
};

/** Where a start-up's response to a challenge stands. */
export type ResponseStatus =
  /** Not taken further; the reason is shown to the start-up. */
  | 'DECLINED'
  /** The public body or staff want to take it further. */
  | 'SHORTLISTED'
  /** Sent to the public body; the start-up may still edit or withdraw it. */
  | 'SUBMITTED'
  /** Taken back by the start-up. */
  | 'WITHDRAWN';

export type ResponseTransitionInput = {
  expectedVersion: Scalars['Int']['input'];
  responseId: Scalars['ID']['input'];
};

export type SearchChallengesInput = {
  after?: InputMaybe<Scalars['String']['input']>;
  budgetBands?: InputMaybe<Array<MoneyBand>>;
  facets?: InputMaybe<Array<ChallengeFacet>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  /** HYBRID when the embedding model is available, else KEYWORD. An explicit sort or an empty query always ranks by keyword. */
  mode?: InputMaybe<SearchMode>;
  organisationTypes?: InputMaybe<Array<PublicBodyType>>;
  /** Only challenges a solution of this TRL would qualify for. */
  qualifyingTrl?: InputMaybe<Scalars['Int']['input']>;
  /** Free text; empty lists everything visible. */
  query?: InputMaybe<Scalars['String']['input']>;
  regions?: InputMaybe<Array<Region>>;
  sectors?: InputMaybe<Array<Sector>>;
  sort?: InputMaybe<ChallengeSearchSort>;
  /** Other statuses than OPEN only ever match the viewer's own organisations' challenges (all, for staff). */
  status?: InputMaybe<ChallengeStatus>;
};

/** A matched field with the matched words wrapped in <mark> tags; the text is otherwise raw, so escape it when rendering. */
export type SearchHighlight = {
  __typename?: 'SearchHighlight';
  field: Scalars['String']['output'];
  snippet: Scalars['String']['output'];
};

/** Which evidence ranks results: shared words, closeness of meaning, or both fused. */
export type SearchMode =
  | 'HYBRID'
  | 'KEYWORD'
  | 'SEMANTIC';

export type SearchOrganisationsInput = {
  after?: InputMaybe<Scalars['String']['input']>;
  facets?: InputMaybe<Array<OrganisationFacet>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<OrganisationKind>>;
  publicBodyTypes?: InputMaybe<Array<PublicBodyType>>;
  query?: InputMaybe<Scalars['String']['input']>;
  regions?: InputMaybe<Array<Region>>;
};

export type SearchSolutionsInput = {
  /** Solutions holding all of these accreditations. */
  accreditations?: InputMaybe<Array<Accreditation>>;
  after?: InputMaybe<Scalars['String']['input']>;
  facets?: InputMaybe<Array<SolutionFacet>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  minTrl?: InputMaybe<Scalars['Int']['input']>;
  /** HYBRID when the embedding model is available, else KEYWORD. An explicit sort or an empty query always ranks by keyword. */
  mode?: InputMaybe<SearchMode>;
  priceBands?: InputMaybe<Array<MoneyBand>>;
  pricingModels?: InputMaybe<Array<PricingModel>>;
  query?: InputMaybe<Scalars['String']['input']>;
  regions?: InputMaybe<Array<Region>>;
  sectors?: InputMaybe<Array<Sector>>;
  sort?: InputMaybe<SolutionSearchSort>;
  status?: InputMaybe<SolutionStatus>;
};

/**
 * The one sector taxonomy shared by challenges and solutions, so that a match on sector means
 * the same thing on both sides.
 */
export type Sector =
  | 'COMMUNITY_WELLBEING'
  | 'DIGITAL_INCLUSION'
  | 'EDUCATION_AND_SKILLS'
  | 'EMERGENCY_AND_RESILIENCE'
  | 'ENVIRONMENT_AND_NET_ZERO'
  | 'HEALTH_AND_CARE'
  | 'HOUSING'
  | 'LOCAL_GOVERNMENT_SERVICES'
  | 'POLICING_AND_JUSTICE'
  | 'SOCIAL_CARE'
  | 'TRANSPORT_AND_PARKING'
  | 'WASTE_AND_RECYCLING';

export type SetPlatformRolesInput = {
  /** The complete set of roles the user should hold afterwards. */
  roles: Array<PlatformRole>;
  userId: Scalars['ID']['input'];
};

/** A start-up's product, described once and reused in every response it makes. */
export type Solution = {
  __typename?: 'Solution';
  /** The events the viewer may fire now. */
  allowedEvents: Array<SolutionEvent>;
  capabilities: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  evidence: Array<EvidenceItem>;
  hasExpiredAccreditation: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  organisation: Organisation;
  priceMaxGbp: Scalars['Int']['output'];
  priceMinGbp: Scalars['Int']['output'];
  pricingModel: PricingModel;
  publishedAt: Maybe<Scalars['DateTime']['output']>;
  regionsServed: Array<Region>;
  sectors: Array<Sector>;
  status: SolutionStatus;
  summary: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
  /** Technology readiness level, 1 (idea) to 9 (proven in operation). */
  trl: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Accreditations held and not expired, as eligibility checks see them. */
  validAccreditations: Array<Accreditation>;
  version: Scalars['Int']['output'];
  viewerCan: SolutionPermissions;
};

export type SolutionConnection = {
  __typename?: 'SolutionConnection';
  edges: Array<SolutionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SolutionEdge = {
  __typename?: 'SolutionEdge';
  cursor: Scalars['String']['output'];
  node: Solution;
};

/** The lifecycle events of a solution. */
export type SolutionEvent =
  | 'ARCHIVE'
  | 'PUBLISH'
  /** Take a published solution back to DRAFT to rework it. */
  | 'UNPUBLISH'
  /** Edit the profile (allowed while DRAFT or PUBLISHED). */
  | 'UPDATE';

export type SolutionFacet =
  | 'ACCREDITATIONS'
  | 'PRICE_BAND'
  | 'PRICING_MODEL'
  | 'REGIONS_SERVED'
  | 'SECTORS'
  | 'STATUS'
  | 'TRL';

export type SolutionFilter = {
  minTrl?: InputMaybe<Scalars['Int']['input']>;
  /** Only the viewer's organisations' solutions. */
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  /** Solutions serving any of these regions (UK_WIDE solutions serve every region). */
  regions?: InputMaybe<Array<Region>>;
  /** Solutions in any of these sectors. */
  sectors?: InputMaybe<Array<Sector>>;
  /** Other statuses than PUBLISHED are only ever shown to their start-up and to staff. */
  status?: InputMaybe<SolutionStatus>;
};

export type SolutionPermissions = {
  __typename?: 'SolutionPermissions';
  archive: Scalars['Boolean']['output'];
  publish: Scalars['Boolean']['output'];
  /** The viewer may respond to challenges with it: published, and theirs in a verified start-up. Each challenge adds its own rules. */
  respond: Scalars['Boolean']['output'];
  unpublish: Scalars['Boolean']['output'];
  update: Scalars['Boolean']['output'];
};

export type SolutionSearchHit = {
  __typename?: 'SolutionSearchHit';
  highlights: Array<SearchHighlight>;
  score: Scalars['Float']['output'];
  solution: Solution;
};

export type SolutionSearchResult = {
  __typename?: 'SolutionSearchResult';
  estimatedTotalHits: Scalars['Int']['output'];
  /** Facet counts describe the keyword matches. */
  facets: Array<Facet>;
  hits: Array<SolutionSearchHit>;
  /** The mode that produced these results. */
  mode: SearchMode;
  pageInfo: PageInfo;
  processingTimeMs: Scalars['Int']['output'];
  /** Whether meaning was used: false when semantic search is unavailable (no model) or the query had no words to embed. */
  semantic: Scalars['Boolean']['output'];
};

export type SolutionSearchSort =
  | 'NEWEST'
  | 'PRICE_LOWEST'
  | 'RELEVANCE'
  | 'TRL_HIGHEST';

/** Where a solution is in its life: drafts are private, published ones are public, archived ones are retired. */
export type SolutionStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'PUBLISHED';

export type SolutionTransitionInput = {
  expectedVersion: Scalars['Int']['input'];
  solutionId: Scalars['ID']['input'];
};

export type SubmitResponseInput = {
  challengeId: Scalars['ID']['input'];
  indicativePriceGbp: Scalars['Int']['input'];
  kpiApproach: Scalars['String']['input'];
  kpiNotes?: InputMaybe<Array<KpiNoteInput>>;
  pitch: Scalars['String']['input'];
  /** A published solution of the responding start-up; it decides which start-up responds. */
  solutionId: Scalars['ID']['input'];
  timelineWeeks: Scalars['Int']['input'];
};

/** A measurable outcome the pilot should achieve. */
export type SuccessKpi = {
  __typename?: 'SuccessKpi';
  baseline: Scalars['Float']['output'];
  direction: KpiDirection;
  name: Scalars['String']['output'];
  target: Scalars['Float']['output'];
  /** What the numbers count, e.g. '% of cases' or 'days'. */
  unit: Scalars['String']['output'];
};

export type SuccessKpiInput = {
  baseline: Scalars['Float']['input'];
  direction: KpiDirection;
  name: Scalars['String']['input'];
  /** Above the baseline for INCREASE, below it for DECREASE. */
  target: Scalars['Float']['input'];
  unit: Scalars['String']['input'];
};

/** Changes to a DRAFT challenge; omitted fields keep their values, lists are replaced whole. */
export type UpdateChallengeInput = {
  budgetMaxGbp?: InputMaybe<Scalars['Int']['input']>;
  budgetMinGbp?: InputMaybe<Scalars['Int']['input']>;
  challengeId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  how?: InputMaybe<Scalars['String']['input']>;
  kpis?: InputMaybe<Array<SuccessKpiInput>>;
  minTrl?: InputMaybe<Scalars['Int']['input']>;
  pilotLengthWeeks?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Region>;
  requiredAccreditations?: InputMaybe<Array<Accreditation>>;
  responseDeadline?: InputMaybe<Scalars['DateTime']['input']>;
  sectors?: InputMaybe<Array<Sector>>;
  summary?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
  what?: InputMaybe<Scalars['String']['input']>;
  why?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateOrganisationInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  organisationId: Scalars['ID']['input'];
  region?: InputMaybe<Region>;
  website?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateResponseInput = {
  expectedVersion: Scalars['Int']['input'];
  indicativePriceGbp?: InputMaybe<Scalars['Int']['input']>;
  kpiApproach?: InputMaybe<Scalars['String']['input']>;
  kpiNotes?: InputMaybe<Array<KpiNoteInput>>;
  pitch?: InputMaybe<Scalars['String']['input']>;
  responseId: Scalars['ID']['input'];
  timelineWeeks?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to a solution; omitted fields keep their values, lists are replaced whole. */
export type UpdateSolutionInput = {
  capabilities?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  evidence?: InputMaybe<Array<EvidenceItemInput>>;
  expectedVersion: Scalars['Int']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  priceMaxGbp?: InputMaybe<Scalars['Int']['input']>;
  priceMinGbp?: InputMaybe<Scalars['Int']['input']>;
  pricingModel?: InputMaybe<PricingModel>;
  regionsServed?: InputMaybe<Array<Region>>;
  sectors?: InputMaybe<Array<Sector>>;
  solutionId: Scalars['ID']['input'];
  summary?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  trl?: InputMaybe<Scalars['Int']['input']>;
};

export type VerifyOrganisationInput = {
  organisationId: Scalars['ID']['input'];
};

/** The signed-in user. */
export type Viewer = {
  __typename?: 'Viewer';
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  organisations: Array<ViewerOrganisation>;
  roles: Array<PlatformRole>;
};

/** One organisation the viewer belongs to, with their role in it. */
export type ViewerOrganisation = {
  __typename?: 'ViewerOrganisation';
  organisation: Organisation;
  role: MembershipRole;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AcceptInvitationInput: AcceptInvitationInput;
  Accreditation: Accreditation;
  AccreditationDetails: ResolverTypeWrapper<AccreditationDetails>;
  AccreditationInput: AccreditationInput;
  AnswerClarificationInput: AnswerClarificationInput;
  AskClarificationInput: AskClarificationInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Challenge: ResolverTypeWrapper<ChallengeRecord>;
  ChallengeCloseReason: ChallengeCloseReason;
  ChallengeConnection: ResolverTypeWrapper<Omit<ChallengeConnection, 'edges'> & { edges: Array<ResolversTypes['ChallengeEdge']> }>;
  ChallengeEdge: ResolverTypeWrapper<Omit<ChallengeEdge, 'node'> & { node: ResolversTypes['Challenge'] }>;
  ChallengeEvent: ChallengeEvent;
  ChallengeFacet: ChallengeFacet;
  ChallengeFilter: ChallengeFilter;
  ChallengePermissions: ResolverTypeWrapper<ChallengePermissions>;
  ChallengeSearchHit: ResolverTypeWrapper<Omit<ChallengeSearchHit, 'challenge'> & { challenge: ResolversTypes['Challenge'] }>;
  ChallengeSearchResult: ResolverTypeWrapper<Omit<ChallengeSearchResult, 'hits'> & { hits: Array<ResolversTypes['ChallengeSearchHit']> }>;
  ChallengeSearchSort: ChallengeSearchSort;
  ChallengeStatus: ChallengeStatus;
  ChallengeTransitionInput: ChallengeTransitionInput;
  Clarification: ResolverTypeWrapper<ClarificationRecord>;
  CreateChallengeInput: CreateChallengeInput;
  CreateSolutionInput: CreateSolutionInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeclineResponseInput: DeclineResponseInput;
  EvidenceItem: ResolverTypeWrapper<EvidenceItem>;
  EvidenceItemInput: EvidenceItemInput;
  EvidenceKind: EvidenceKind;
  Facet: ResolverTypeWrapper<Facet>;
  FacetValue: ResolverTypeWrapper<FacetValue>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Invitation: ResolverTypeWrapper<InvitationRecord>;
  InviteMemberInput: InviteMemberInput;
  KpiDirection: KpiDirection;
  KpiNote: ResolverTypeWrapper<KpiNote>;
  KpiNoteInput: KpiNoteInput;
  Member: ResolverTypeWrapper<Member>;
  MembershipRole: MembershipRole;
  MoneyBand: MoneyBand;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Organisation: ResolverTypeWrapper<OrganisationRecord>;
  OrganisationConnection: ResolverTypeWrapper<Omit<OrganisationConnection, 'edges'> & { edges: Array<ResolversTypes['OrganisationEdge']> }>;
  OrganisationEdge: ResolverTypeWrapper<Omit<OrganisationEdge, 'node'> & { node: ResolversTypes['Organisation'] }>;
  OrganisationFacet: OrganisationFacet;
  OrganisationFilter: OrganisationFilter;
  OrganisationKind: OrganisationKind;
  OrganisationPermissions: ResolverTypeWrapper<OrganisationPermissions>;
  OrganisationSearchHit: ResolverTypeWrapper<Omit<OrganisationSearchHit, 'organisation'> & { organisation: ResolversTypes['Organisation'] }>;
  OrganisationSearchResult: ResolverTypeWrapper<Omit<OrganisationSearchResult, 'hits'> & { hits: Array<ResolversTypes['OrganisationSearchHit']> }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PlatformRole: PlatformRole;
  PlatformUser: ResolverTypeWrapper<UserRecord>;
  PricingModel: PricingModel;
  PublicBodyType: PublicBodyType;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Region: Region;
  RequestChallengeChangesInput: RequestChallengeChangesInput;
  Response: ResolverTypeWrapper<ResponseRecord>;
  ResponseConnection: ResolverTypeWrapper<Omit<ResponseConnection, 'edges'> & { edges: Array<ResolversTypes['ResponseEdge']> }>;
  ResponseEdge: ResolverTypeWrapper<Omit<ResponseEdge, 'node'> & { node: ResolversTypes['Response'] }>;
  ResponseEvent: ResponseEvent;
  ResponseFilter: ResponseFilter;
  ResponsePermissions: ResolverTypeWrapper<ResponsePermissions>;
  ResponseStatus: ResponseStatus;
  ResponseTransitionInput: ResponseTransitionInput;
  SearchChallengesInput: SearchChallengesInput;
  SearchHighlight: ResolverTypeWrapper<SearchHighlight>;
  SearchMode: SearchMode;
  SearchOrganisationsInput: SearchOrganisationsInput;
  SearchSolutionsInput: SearchSolutionsInput;
  Sector: Sector;
  SetPlatformRolesInput: SetPlatformRolesInput;
  Solution: ResolverTypeWrapper<SolutionRecord>;
  SolutionConnection: ResolverTypeWrapper<Omit<SolutionConnection, 'edges'> & { edges: Array<ResolversTypes['SolutionEdge']> }>;
  SolutionEdge: ResolverTypeWrapper<Omit<SolutionEdge, 'node'> & { node: ResolversTypes['Solution'] }>;
  SolutionEvent: SolutionEvent;
  SolutionFacet: SolutionFacet;
  SolutionFilter: SolutionFilter;
  SolutionPermissions: ResolverTypeWrapper<SolutionPermissions>;
  SolutionSearchHit: ResolverTypeWrapper<Omit<SolutionSearchHit, 'solution'> & { solution: ResolversTypes['Solution'] }>;
  SolutionSearchResult: ResolverTypeWrapper<Omit<SolutionSearchResult, 'hits'> & { hits: Array<ResolversTypes['SolutionSearchHit']> }>;
  SolutionSearchSort: SolutionSearchSort;
  SolutionStatus: SolutionStatus;
  SolutionTransitionInput: SolutionTransitionInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  SubmitResponseInput: SubmitResponseInput;
  SuccessKpi: ResolverTypeWrapper<SuccessKpi>;
  SuccessKpiInput: SuccessKpiInput;
  UpdateChallengeInput: UpdateChallengeInput;
  UpdateOrganisationInput: UpdateOrganisationInput;
  UpdateResponseInput: UpdateResponseInput;
  UpdateSolutionInput: UpdateSolutionInput;
  VerifyOrganisationInput: VerifyOrganisationInput;
  Viewer: ResolverTypeWrapper<UserActor>;
  ViewerOrganisation: ResolverTypeWrapper<Omit<ViewerOrganisation, 'organisation'> & { organisation: ResolversTypes['Organisation'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AcceptInvitationInput: AcceptInvitationInput;
  AccreditationDetails: AccreditationDetails;
  AccreditationInput: AccreditationInput;
  AnswerClarificationInput: AnswerClarificationInput;
  AskClarificationInput: AskClarificationInput;
  Boolean: Scalars['Boolean']['output'];
  Challenge: ChallengeRecord;
  ChallengeConnection: Omit<ChallengeConnection, 'edges'> & { edges: Array<ResolversParentTypes['ChallengeEdge']> };
  ChallengeEdge: Omit<ChallengeEdge, 'node'> & { node: ResolversParentTypes['Challenge'] };
  ChallengeFilter: ChallengeFilter;
  ChallengePermissions: ChallengePermissions;
  ChallengeSearchHit: Omit<ChallengeSearchHit, 'challenge'> & { challenge: ResolversParentTypes['Challenge'] };
  ChallengeSearchResult: Omit<ChallengeSearchResult, 'hits'> & { hits: Array<ResolversParentTypes['ChallengeSearchHit']> };
  ChallengeTransitionInput: ChallengeTransitionInput;
  Clarification: ClarificationRecord;
  CreateChallengeInput: CreateChallengeInput;
  CreateSolutionInput: CreateSolutionInput;
  DateTime: Scalars['DateTime']['output'];
  DeclineResponseInput: DeclineResponseInput;
  EvidenceItem: EvidenceItem;
  EvidenceItemInput: EvidenceItemInput;
  Facet: Facet;
  FacetValue: FacetValue;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Invitation: InvitationRecord;
  InviteMemberInput: InviteMemberInput;
  KpiNote: KpiNote;
  KpiNoteInput: KpiNoteInput;
  Member: Member;
  Mutation: Record<PropertyKey, never>;
  Organisation: OrganisationRecord;
  OrganisationConnection: Omit<OrganisationConnection, 'edges'> & { edges: Array<ResolversParentTypes['OrganisationEdge']> };
  OrganisationEdge: Omit<OrganisationEdge, 'node'> & { node: ResolversParentTypes['Organisation'] };
  OrganisationFilter: OrganisationFilter;
  OrganisationPermissions: OrganisationPermissions;
  OrganisationSearchHit: Omit<OrganisationSearchHit, 'organisation'> & { organisation: ResolversParentTypes['Organisation'] };
  OrganisationSearchResult: Omit<OrganisationSearchResult, 'hits'> & { hits: Array<ResolversParentTypes['OrganisationSearchHit']> };
  PageInfo: PageInfo;
  PlatformUser: UserRecord;
  Query: Record<PropertyKey, never>;
  RequestChallengeChangesInput: RequestChallengeChangesInput;
  Response: ResponseRecord;
  ResponseConnection: Omit<ResponseConnection, 'edges'> & { edges: Array<ResolversParentTypes['ResponseEdge']> };
  ResponseEdge: Omit<ResponseEdge, 'node'> & { node: ResolversParentTypes['Response'] };
  ResponseFilter: ResponseFilter;
  ResponsePermissions: ResponsePermissions;
  ResponseTransitionInput: ResponseTransitionInput;
  SearchChallengesInput: SearchChallengesInput;
  SearchHighlight: SearchHighlight;
  SearchOrganisationsInput: SearchOrganisationsInput;
  SearchSolutionsInput: SearchSolutionsInput;
  SetPlatformRolesInput: SetPlatformRolesInput;
  Solution: SolutionRecord;
  SolutionConnection: Omit<SolutionConnection, 'edges'> & { edges: Array<ResolversParentTypes['SolutionEdge']> };
  SolutionEdge: Omit<SolutionEdge, 'node'> & { node: ResolversParentTypes['Solution'] };
  SolutionFilter: SolutionFilter;
  SolutionPermissions: SolutionPermissions;
  SolutionSearchHit: Omit<SolutionSearchHit, 'solution'> & { solution: ResolversParentTypes['Solution'] };
  SolutionSearchResult: Omit<SolutionSearchResult, 'hits'> & { hits: Array<ResolversParentTypes['SolutionSearchHit']> };
  SolutionTransitionInput: SolutionTransitionInput;
  String: Scalars['String']['output'];
  SubmitResponseInput: SubmitResponseInput;
  SuccessKpi: SuccessKpi;
  SuccessKpiInput: SuccessKpiInput;
  UpdateChallengeInput: UpdateChallengeInput;
  UpdateOrganisationInput: UpdateOrganisationInput;
  UpdateResponseInput: UpdateResponseInput;
  UpdateSolutionInput: UpdateSolutionInput;
  VerifyOrganisationInput: VerifyOrganisationInput;
  Viewer: UserActor;
  ViewerOrganisation: Omit<ViewerOrganisation, 'organisation'> & { organisation: ResolversParentTypes['Organisation'] };
};

export type AccreditationDetailsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AccreditationDetails'] = ResolversParentTypes['AccreditationDetails']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['Accreditation'], ParentType, ContextType>;
};

export type ChallengeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Challenge'] = ResolversParentTypes['Challenge']> = {
  allowedEvents?: Resolver<Array<ResolversTypes['ChallengeEvent']>, ParentType, ContextType>;
  budgetMaxGbp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  budgetMinGbp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  clarifications?: Resolver<Array<ResolversTypes['Clarification']>, ParentType, ContextType>;
  closeReason?: Resolver<Maybe<ResolversTypes['ChallengeCloseReason']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  how?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kpis?: Resolver<Array<ResolversTypes['SuccessKpi']>, ParentType, ContextType>;
  minTrl?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  organisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
  pilotLengthWeeks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  publishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  requiredAccreditations?: Resolver<Array<ResolversTypes['Accreditation']>, ParentType, ContextType>;
  responseCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  responseDeadline?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  responses?: Resolver<ResolversTypes['ResponseConnection'], ParentType, ContextType, RequireFields<ChallengeResponsesArgs, 'first'>>;
  sectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
  staffFeedback?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ChallengeStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewerCan?: Resolver<ResolversTypes['ChallengePermissions'], ParentType, ContextType>;
  what?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  why?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ChallengeConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChallengeConnection'] = ResolversParentTypes['ChallengeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChallengeEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ChallengeEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChallengeEdge'] = ResolversParentTypes['ChallengeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType>;
};

export type ChallengePermissionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChallengePermissions'] = ResolversParentTypes['ChallengePermissions']> = {
  answerQuestion?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  archive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  askQuestion?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  close?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  publish?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  requestChanges?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  respond?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  submit?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  update?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withdraw?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ChallengeSearchHitResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChallengeSearchHit'] = ResolversParentTypes['ChallengeSearchHit']> = {
  challenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType>;
  highlights?: Resolver<Array<ResolversTypes['SearchHighlight']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ChallengeSearchResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChallengeSearchResult'] = ResolversParentTypes['ChallengeSearchResult']> = {
  estimatedTotalHits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  facets?: Resolver<Array<ResolversTypes['Facet']>, ParentType, ContextType>;
  hits?: Resolver<Array<ResolversTypes['ChallengeSearchHit']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['SearchMode'], ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  processingTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  semantic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ClarificationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Clarification'] = ResolversParentTypes['Clarification']> = {
  answer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  answeredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  askedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  askedByViewer?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  question?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EvidenceItemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EvidenceItem'] = ResolversParentTypes['EvidenceItem']> = {
  accreditation?: Resolver<Maybe<ResolversTypes['AccreditationDetails']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EvidenceKind'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FacetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Facet'] = ResolversParentTypes['Facet']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['FacetValue']>, ParentType, ContextType>;
};

export type FacetValueResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FacetValue'] = ResolversParentTypes['FacetValue']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InvitationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Invitation'] = ResolversParentTypes['Invitation']> = {
  acceptedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['MembershipRole'], ParentType, ContextType>;
};

export type KpiNoteResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['KpiNote'] = ResolversParentTypes['KpiNote']> = {
  kpiName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MemberResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['MembershipRole'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptInvitation?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType, RequireFields<MutationAcceptInvitationArgs, 'input'>>;
  answerClarification?: Resolver<ResolversTypes['Clarification'], ParentType, ContextType, RequireFields<MutationAnswerClarificationArgs, 'input'>>;
  archiveChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationArchiveChallengeArgs, 'input'>>;
  archiveSolution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType, RequireFields<MutationArchiveSolutionArgs, 'input'>>;
  askClarification?: Resolver<ResolversTypes['Clarification'], ParentType, ContextType, RequireFields<MutationAskClarificationArgs, 'input'>>;
  closeChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationCloseChallengeArgs, 'input'>>;
  createChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationCreateChallengeArgs, 'input'>>;
  createSolution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType, RequireFields<MutationCreateSolutionArgs, 'input'>>;
  declineResponse?: Resolver<ResolversTypes['Response'], ParentType, ContextType, RequireFields<MutationDeclineResponseArgs, 'input'>>;
  inviteMember?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType, RequireFields<MutationInviteMemberArgs, 'input'>>;
  ping?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  publishChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationPublishChallengeArgs, 'input'>>;
  publishSolution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType, RequireFields<MutationPublishSolutionArgs, 'input'>>;
  requestChallengeChanges?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationRequestChallengeChangesArgs, 'input'>>;
  setPlatformRoles?: Resolver<ResolversTypes['PlatformUser'], ParentType, ContextType, RequireFields<MutationSetPlatformRolesArgs, 'input'>>;
  shortlistResponse?: Resolver<ResolversTypes['Response'], ParentType, ContextType, RequireFields<MutationShortlistResponseArgs, 'input'>>;
  submitChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationSubmitChallengeArgs, 'input'>>;
  submitResponse?: Resolver<ResolversTypes['Response'], ParentType, ContextType, RequireFields<MutationSubmitResponseArgs, 'input'>>;
  unpublishSolution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType, RequireFields<MutationUnpublishSolutionArgs, 'input'>>;
  updateChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationUpdateChallengeArgs, 'input'>>;
  updateOrganisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType, RequireFields<MutationUpdateOrganisationArgs, 'input'>>;
  updateResponse?: Resolver<ResolversTypes['Response'], ParentType, ContextType, RequireFields<MutationUpdateResponseArgs, 'input'>>;
  updateSolution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType, RequireFields<MutationUpdateSolutionArgs, 'input'>>;
  verifyOrganisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType, RequireFields<MutationVerifyOrganisationArgs, 'input'>>;
  withdrawChallenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType, RequireFields<MutationWithdrawChallengeArgs, 'input'>>;
  withdrawResponse?: Resolver<ResolversTypes['Response'], ParentType, ContextType, RequireFields<MutationWithdrawResponseArgs, 'input'>>;
};

export type OrganisationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Organisation'] = ResolversParentTypes['Organisation']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['OrganisationKind'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicBodyType?: Resolver<Maybe<ResolversTypes['PublicBodyType']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  viewerCan?: Resolver<ResolversTypes['OrganisationPermissions'], ParentType, ContextType>;
  website?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type OrganisationConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganisationConnection'] = ResolversParentTypes['OrganisationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrganisationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type OrganisationEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganisationEdge'] = ResolversParentTypes['OrganisationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
};

export type OrganisationPermissionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganisationPermissions'] = ResolversParentTypes['OrganisationPermissions']> = {
  invite?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  seeMembers?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  update?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verify?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type OrganisationSearchHitResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganisationSearchHit'] = ResolversParentTypes['OrganisationSearchHit']> = {
  highlights?: Resolver<Array<ResolversTypes['SearchHighlight']>, ParentType, ContextType>;
  organisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type OrganisationSearchResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OrganisationSearchResult'] = ResolversParentTypes['OrganisationSearchResult']> = {
  estimatedTotalHits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  facets?: Resolver<Array<ResolversTypes['Facet']>, ParentType, ContextType>;
  hits?: Resolver<Array<ResolversTypes['OrganisationSearchHit']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  processingTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PlatformUserResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PlatformUser'] = ResolversParentTypes['PlatformUser']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['PlatformRole']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  challenge?: Resolver<Maybe<ResolversTypes['Challenge']>, ParentType, ContextType, RequireFields<QueryChallengeArgs, 'id'>>;
  challenges?: Resolver<ResolversTypes['ChallengeConnection'], ParentType, ContextType, RequireFields<QueryChallengesArgs, 'first'>>;
  invitation?: Resolver<Maybe<ResolversTypes['Invitation']>, ParentType, ContextType, RequireFields<QueryInvitationArgs, 'token'>>;
  organisation?: Resolver<Maybe<ResolversTypes['Organisation']>, ParentType, ContextType, RequireFields<QueryOrganisationArgs, 'id'>>;
  organisations?: Resolver<ResolversTypes['OrganisationConnection'], ParentType, ContextType, RequireFields<QueryOrganisationsArgs, 'first'>>;
  ping?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  response?: Resolver<Maybe<ResolversTypes['Response']>, ParentType, ContextType, RequireFields<QueryResponseArgs, 'id'>>;
  responses?: Resolver<ResolversTypes['ResponseConnection'], ParentType, ContextType, RequireFields<QueryResponsesArgs, 'first'>>;
  searchChallenges?: Resolver<ResolversTypes['ChallengeSearchResult'], ParentType, ContextType, RequireFields<QuerySearchChallengesArgs, 'input'>>;
  searchOrganisations?: Resolver<ResolversTypes['OrganisationSearchResult'], ParentType, ContextType, RequireFields<QuerySearchOrganisationsArgs, 'input'>>;
  searchSolutions?: Resolver<ResolversTypes['SolutionSearchResult'], ParentType, ContextType, RequireFields<QuerySearchSolutionsArgs, 'input'>>;
  solution?: Resolver<Maybe<ResolversTypes['Solution']>, ParentType, ContextType, RequireFields<QuerySolutionArgs, 'id'>>;
  solutions?: Resolver<ResolversTypes['SolutionConnection'], ParentType, ContextType, RequireFields<QuerySolutionsArgs, 'first'>>;
  viewer?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
};

export type ResponseResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Response'] = ResolversParentTypes['Response']> = {
  allowedEvents?: Resolver<Array<ResolversTypes['ResponseEvent']>, ParentType, ContextType>;
  challenge?: Resolver<ResolversTypes['Challenge'], ParentType, ContextType>;
  declineReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indicativePriceGbp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kpiApproach?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kpiNotes?: Resolver<Array<ResolversTypes['KpiNote']>, ParentType, ContextType>;
  organisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
  pitch?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  solution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ResponseStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  timelineWeeks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewerCan?: Resolver<ResolversTypes['ResponsePermissions'], ParentType, ContextType>;
};

export type ResponseConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ResponseConnection'] = ResolversParentTypes['ResponseConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ResponseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResponseEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ResponseEdge'] = ResolversParentTypes['ResponseEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Response'], ParentType, ContextType>;
};

export type ResponsePermissionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ResponsePermissions'] = ResolversParentTypes['ResponsePermissions']> = {
  decline?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  shortlist?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  update?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withdraw?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SearchHighlightResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SearchHighlight'] = ResolversParentTypes['SearchHighlight']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SolutionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Solution'] = ResolversParentTypes['Solution']> = {
  allowedEvents?: Resolver<Array<ResolversTypes['SolutionEvent']>, ParentType, ContextType>;
  capabilities?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['EvidenceItem']>, ParentType, ContextType>;
  hasExpiredAccreditation?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
  priceMaxGbp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  priceMinGbp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pricingModel?: Resolver<ResolversTypes['PricingModel'], ParentType, ContextType>;
  publishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  regionsServed?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  sectors?: Resolver<Array<ResolversTypes['Sector']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SolutionStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  trl?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validAccreditations?: Resolver<Array<ResolversTypes['Accreditation']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewerCan?: Resolver<ResolversTypes['SolutionPermissions'], ParentType, ContextType>;
};

export type SolutionConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SolutionConnection'] = ResolversParentTypes['SolutionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SolutionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SolutionEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SolutionEdge'] = ResolversParentTypes['SolutionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Solution'], ParentType, ContextType>;
};

export type SolutionPermissionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SolutionPermissions'] = ResolversParentTypes['SolutionPermissions']> = {
  archive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  publish?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  respond?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  unpublish?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  update?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SolutionSearchHitResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SolutionSearchHit'] = ResolversParentTypes['SolutionSearchHit']> = {
  highlights?: Resolver<Array<ResolversTypes['SearchHighlight']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  solution?: Resolver<ResolversTypes['Solution'], ParentType, ContextType>;
};

export type SolutionSearchResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SolutionSearchResult'] = ResolversParentTypes['SolutionSearchResult']> = {
  estimatedTotalHits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  facets?: Resolver<Array<ResolversTypes['Facet']>, ParentType, ContextType>;
  hits?: Resolver<Array<ResolversTypes['SolutionSearchHit']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['SearchMode'], ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  processingTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  semantic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SuccessKpiResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SuccessKpi'] = ResolversParentTypes['SuccessKpi']> = {
  baseline?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['KpiDirection'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organisations?: Resolver<Array<ResolversTypes['ViewerOrganisation']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['PlatformRole']>, ParentType, ContextType>;
};

export type ViewerOrganisationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ViewerOrganisation'] = ResolversParentTypes['ViewerOrganisation']> = {
  organisation?: Resolver<ResolversTypes['Organisation'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['MembershipRole'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  AccreditationDetails?: AccreditationDetailsResolvers<ContextType>;
  Challenge?: ChallengeResolvers<ContextType>;
  ChallengeConnection?: ChallengeConnectionResolvers<ContextType>;
  ChallengeEdge?: ChallengeEdgeResolvers<ContextType>;
  ChallengePermissions?: ChallengePermissionsResolvers<ContextType>;
  ChallengeSearchHit?: ChallengeSearchHitResolvers<ContextType>;
  ChallengeSearchResult?: ChallengeSearchResultResolvers<ContextType>;
  Clarification?: ClarificationResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EvidenceItem?: EvidenceItemResolvers<ContextType>;
  Facet?: FacetResolvers<ContextType>;
  FacetValue?: FacetValueResolvers<ContextType>;
  Invitation?: InvitationResolvers<ContextType>;
  KpiNote?: KpiNoteResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organisation?: OrganisationResolvers<ContextType>;
  OrganisationConnection?: OrganisationConnectionResolvers<ContextType>;
  OrganisationEdge?: OrganisationEdgeResolvers<ContextType>;
  OrganisationPermissions?: OrganisationPermissionsResolvers<ContextType>;
  OrganisationSearchHit?: OrganisationSearchHitResolvers<ContextType>;
  OrganisationSearchResult?: OrganisationSearchResultResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PlatformUser?: PlatformUserResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Response?: ResponseResolvers<ContextType>;
  ResponseConnection?: ResponseConnectionResolvers<ContextType>;
  ResponseEdge?: ResponseEdgeResolvers<ContextType>;
  ResponsePermissions?: ResponsePermissionsResolvers<ContextType>;
  SearchHighlight?: SearchHighlightResolvers<ContextType>;
  Solution?: SolutionResolvers<ContextType>;
  SolutionConnection?: SolutionConnectionResolvers<ContextType>;
  SolutionEdge?: SolutionEdgeResolvers<ContextType>;
  SolutionPermissions?: SolutionPermissionsResolvers<ContextType>;
  SolutionSearchHit?: SolutionSearchHitResolvers<ContextType>;
  SolutionSearchResult?: SolutionSearchResultResolvers<ContextType>;
  SuccessKpi?: SuccessKpiResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  ViewerOrganisation?: ViewerOrganisationResolvers<ContextType>;
};

