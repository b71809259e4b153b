import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Far beyond any list of the service; a larger offset (PostgreSQL bigint range!) is a 400. */
export const MAX_OFFSET = 1_000_000;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const page = <T>(items: T[], total: number, q: PageQuery): Page<T> => ({
  items,
  total,
  limit: q.limit,
  offset: q.offset,
});
