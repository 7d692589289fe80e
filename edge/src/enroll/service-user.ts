// Who enrollment's files belong to: shared with `roompost-central init` (sync/src/service/service-user.ts).
export { type FileOwner, lookupUser, resolveOwner, ServiceUserError } from '@roompost/sync';
