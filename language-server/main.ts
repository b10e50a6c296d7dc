// Entry of dist/language-server.js: `node dist/language-server.js --stdio` (the transport is read
// from the command line: --stdio, --node-ipc or --socket=PORT).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
