import { IsRecordId } from '../../shared/field-validators';

export class DesignateNonChoiceProviderDto {
  @IsRecordId() providerId: string;
}
