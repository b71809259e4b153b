import type { ProjectSheetView, SheetPartnerView } from '../projects';

/**
 * The answers a coordinator still owes on project sheets: each open sheet's partner that has not
 * declared its interest yet and for which the person may record it. Moje zadania lists them; the
 * navigation counts them beside "Fiszki projektów".
 */
export function answersAwaited(
  sheets: readonly ProjectSheetView[],
): Array<{ sheet: ProjectSheetView; partner: SheetPartnerView }> {
  return sheets.flatMap((sheet) =>
    sheet.partners
      .filter((p) => p.status === 'WAITING' && p.mayRecord)
      .map((partner) => ({ sheet, partner })),
  );
}
