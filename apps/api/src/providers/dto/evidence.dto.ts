import { IsRecordId, IsText } from '../../shared/field-validators';

export class EvidenceDto {
  @IsRecordId() conditionId: string;
  @IsText(4000) description: string;
  /** Reference to a filed document (diarienummer, file id). */
  @IsText(200, false) documentRef?: string;
}
