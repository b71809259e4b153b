export { CSV_BOM, neutraliseCell, toCsv } from './csv';
