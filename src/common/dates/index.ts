export { IsIsoDate, todayInWarsaw } from './iso-date';
