export * from './entry';
export * from './countries';
export * from './currencies';
export * from './payment-methods';
export * from './cards';
export * from './context';
