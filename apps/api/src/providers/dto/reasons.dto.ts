import { IsTextList } from '../../shared/field-validators';

export class ReasonsDto {
  @IsTextList() reasons: string[];
}
