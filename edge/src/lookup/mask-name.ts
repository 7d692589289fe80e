export { maskGuestName, sameLastName } from '@roompost/sync';
