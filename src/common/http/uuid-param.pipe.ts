import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { fieldError } from '../errors';

/** `@Param('id', UuidParam)`: a malformed id is a 400 naming the parameter, never a 500. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const name = metadata.data ?? 'id';
    if (!isUUID(value)) throw fieldError(name, 'isUuid', `${name} must be a UUID`);
    return value;
  }
}
