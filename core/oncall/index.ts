// The on-call domain as other domains and hosts see it.
export { oncallHandlers } from './handlers.ts';
export { createPager, incidentRoute } from './pager.ts';
export { NO_PEOPLE, peopleFromUsers, type PeopleSource, type Person } from './people.ts';
