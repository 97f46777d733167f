import type { MatchParty, MatchStatus } from '../../gql/graphql';

type TagColour = 'grey' | 'blue' | 'green' | 'yellow' | 'orange' | 'red';

interface IntroductionState {
  status: MatchStatus;
  publicBodyAccepted: boolean;
  startupAccepted: boolean;
  declinedBy?: MatchParty | null;
}

/** Where an introduction stands, from the viewer's side: who still has to answer. */
export function introductionStanding(introduction: IntroductionState, side: MatchParty): { tag: { label: string; colour: TagColour }; text: string } {
  const mine = side === 'PUBLIC_BODY' ? introduction.publicBodyAccepted : introduction.startupAccepted;
  const theirs = side === 'PUBLIC_BODY' ? introduction.startupAccepted : introduction.publicBodyAccepted;
  const them = side === 'PUBLIC_BODY' ? 'the start-up' : 'the public body';
  if (introduction.status === 'ACCEPTED') return { tag: { label: 'Accepted', colour: 'green' }, text: 'Both sides accepted. The pilot can start.' };
  if (introduction.status === 'DECLINED') {
    const who = introduction.declinedBy === side ? 'You' : introduction.declinedBy ? them[0]!.toUpperCase() + them.slice(1) : 'One side';
    return { tag: { label: 'Declined', colour: 'red' }, text: `${who} declined this introduction.` };
  }
  if (mine) return { tag: { label: `Waiting for ${them}`, colour: 'yellow' }, text: `You accepted. We are waiting for ${them} to answer.` };
  if (theirs) return { tag: { label: 'Your answer needed', colour: 'blue' }, text: `${them[0]!.toUpperCase() + them.slice(1)} accepted. Accept to start the pilot, or decline with a reason.` };
  return { tag: { label: 'Your answer needed', colour: 'blue' }, text: 'Neither side has answered yet. Accept, or decline with a reason.' };
}
