/** The working calendar and deadline engine (DESIGN.md §3). */
export * from './vn-time';
export * from './civil-date';
export * from './lunar';
export * from './holidays';
export * from './schema';
export * from './working-calendar';
export * from './deadline';
