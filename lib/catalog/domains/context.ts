import type { DomainEntry } from './entry';

export const INITIATORS: readonly DomainEntry[] = [
  { code: 'cit', name: 'Customer-initiated' },
  { code: 'mit', name: 'Merchant-initiated' },
];

export const PHASES: readonly DomainEntry[] = [
  { code: 'setup', name: 'Setup (save the payment method, no charge)' },
  { code: 'charge', name: 'Charge' },
];

export const CAPTURE_METHODS: readonly DomainEntry[] = [
  { code: 'automatic', name: 'Automatic (authorise and capture)' },
  { code: 'manual', name: 'Manual (authorise now, capture later)' },
];

export const CHANNELS: readonly DomainEntry[] = [
  { code: 'web', name: 'Web' },
  { code: 'app', name: 'Mobile app' },
  { code: 'moto', name: 'Mail / telephone order' },
  { code: 'pos', name: 'Point of sale' },
];

export const CUSTOMER_SEGMENTS: readonly DomainEntry[] = [
  { code: 'new', name: 'New' },
  { code: 'returning', name: 'Returning' },
  { code: 'loyal', name: 'Loyal' },
  { code: 'vip', name: 'VIP' },
  { code: 'employee', name: 'Employee' },
  { code: 'business', name: 'Business' },
];

export const DEVICE_PLATFORMS: readonly DomainEntry[] = [
  { code: 'ios', name: 'iOS' },
  { code: 'android', name: 'Android' },
  { code: 'windows', name: 'Windows' },
  { code: 'macos', name: 'macOS' },
  { code: 'linux', name: 'Linux' },
  { code: 'other', name: 'Other' },
];

export const DEVICE_TYPES: readonly DomainEntry[] = [
  { code: 'mobile', name: 'Mobile' },
  { code: 'tablet', name: 'Tablet' },
  { code: 'desktop', name: 'Desktop' },
  { code: 'other', name: 'Other' },
];

/** Lower-case, Monday first: the values of the derived `weekday` attribute. */
export const WEEKDAYS: readonly DomainEntry[] = [
  { code: 'mon', name: 'Monday' },
  { code: 'tue', name: 'Tuesday' },
  { code: 'wed', name: 'Wednesday' },
  { code: 'thu', name: 'Thursday' },
  { code: 'fri', name: 'Friday' },
  { code: 'sat', name: 'Saturday' },
  { code: 'sun', name: 'Sunday' },
];
