// Connection search (quick open, the rail filter, the fleet table): the query language and its matcher.
export * from './query.ts';
export * from './match.ts';
export * from './messages.ts';
