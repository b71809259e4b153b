export { formatAmount, formatPln, grossFromNet, parseAmount, splitLargestRemainder } from './money';
