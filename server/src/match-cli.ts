import { runMatchCommand } from './match-command';

// `node dist/server/src/match-cli.js --all | --learn` in production, against MONGODB_URI.
runMatchCommand();
