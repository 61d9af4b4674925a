/**
 * Choices that walk the library scenario from its first beat through to
 * "the-ask" (where the trainee invites him to walk and the instructor
 * decides how he takes it). Drivers tap the first of these that is offered.
 */
export const LIBRARY_ROUTE = [
  'query-dispatch',
  'request-cover',
  'hold-at-table',
  'move-children',
  'introduce',
  'label-fear',
  'recognise-crisis',
  'offer-caseworker',
  'ask-what-helps',
  'explain-powers',
] as const;

/** The first choice of `route` among the offered ones. */
export function firstOffered(route: readonly string[], offered: readonly string[]) {
  return route.find((id) => offered.includes(id));
}
