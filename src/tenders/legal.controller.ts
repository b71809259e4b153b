import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth';
import { todayInWarsaw } from '../common/dates';
import { unprocessable } from '../common/errors';
import { formatAmount, parseAmount } from '../common/money';
import { RegimeQuery } from './dto/tender.dto';
import { RegimeView } from './dto/tender-view.dto';
import { computeRegime } from './regime/regime';
import { ThresholdsNotDefinedError } from './regime/thresholds';

@ApiTags('legal')
@Controller('legal')
export class LegalController {
  @Public()
  @Get('regime')
  @ApiOperation({
    summary: 'Which Pzp regime applies to a total net value, subject kind and start date',
  })
  @ApiOkResponse({ type: RegimeView })
  regime(@Query() q: RegimeQuery): RegimeView {
    try {
      const d = computeRegime(parseAmount(q.valueNet), q.subjectKind, q.on ?? todayInWarsaw());
      return {
        regime: d.regime,
        thresholdNet: formatAmount(d.thresholdNet),
        nationalThresholdNet: formatAmount(d.nationalThresholdNet),
        euThresholdNet: formatAmount(d.euThresholdNet),
        thresholdsValidFrom: d.thresholdsValidFrom,
        basis: d.basis,
      };
    } catch (err) {
      if (err instanceof ThresholdsNotDefinedError) throw unprocessable(err.code, err.message);
      throw err;
    }
  }
}
