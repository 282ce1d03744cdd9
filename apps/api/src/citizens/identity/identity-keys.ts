import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for identities: every citizen's number and name are encrypted (AES-256-GCM)
 * with a data key of their own, and that key is stored wrapped by the master key. Erasing a
 * citizen destroys the wrapped key, after which the ciphertext is noise (crypto-shredding).
 */
export class IdentityKeys {
  private readonly masterKey: Buffer;

  constructor(masterSecret: string) {
    this.masterKey = createHash('sha256')
      .update(`kundval-identity-master:${masterSecret}`)
      .digest();
  }

  newDataKey(): Buffer {
    return randomBytes(32);
  }

  wrap(dataKey: Buffer): Buffer {
    return seal(this.masterKey, dataKey);
  }

  unwrap(wrapped: Buffer): Buffer {
    return open(this.masterKey, wrapped);
  }

  encrypt(dataKey: Buffer, text: string): Buffer {
    return seal(dataKey, Buffer.from(text, 'utf8'));
  }

  decrypt(dataKey: Buffer, sealed: Buffer): string {
    return open(dataKey, sealed).toString('utf8');
  }
}

// Layout: 12-byte nonce, 16-byte tag, ciphertext.
function seal(key: Buffer, plain: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
