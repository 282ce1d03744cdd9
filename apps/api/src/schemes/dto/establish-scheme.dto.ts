import { LEGAL_BASES, LegalBasis, PAYMENT_MODELS, PaymentModel } from '@kundval/domain';
import { IsDate, IsIntegerIn, IsOneOf, IsRecordId, IsText } from '../../shared/field-validators';

export class EstablishSchemeDto {
  /** Chosen by the caller (e.g. `hemtjanst`); generated when absent. */
  @IsRecordId(false) schemeId?: string;
  @IsText(200) name: string;
  @IsOneOf(LEGAL_BASES) legalBasis: LegalBasis;
  @IsOneOf(PAYMENT_MODELS) paymentModel: PaymentModel;
  @IsDate() startDate: string;
  /** VAT compensation for non-municipal providers in basis points (600 = 6 %). */
  @IsIntegerIn(0, 10_000, false) vatCompensationBasisPoints?: number;
  @IsIntegerIn(0, 24, false) withdrawalNoticeMonths?: number;
}
