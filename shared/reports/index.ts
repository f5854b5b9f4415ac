/** Reports (DESIGN.md §7): definitions, the shared aggregation, the report object and its table layout. */
export * from './days';
export * from './period';
export * from './rates';
export * from './facts';
export * from './aggregation-sql';
export * from './agency-rating';
export * from './units';
export * from './report';
export * from './build-report';
export * from './run-report';
export * from './reference';
export * from './report-tables';
export * from './csv';
