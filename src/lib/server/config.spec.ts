import { describe, expect, it } from 'vitest';
import { readMailConfig } from './config';

describe('mail settings', () => {
	it('reads the SMTP URL, sender, public address and attachment limit', () => {
		expect(readMailConfig({ PACER_SMTP_URL: 'smtps://u:p@smtp.example.gov.cn:465', PACER_MAIL_FROM: 'Pacer <p@example.gov.cn>', ORIGIN: 'https://pacer.example.gov.cn/', PACER_MAIL_ATTACHMENT_LIMIT: '1000' }, 'http://127.0.0.1:3000')).toEqual({
			smtpUrl: 'smtps://u:p@smtp.example.gov.cn:465',
			from: 'Pacer <p@example.gov.cn>',
			publicBaseUrl: 'https://pacer.example.gov.cn',
			attachmentLimit: 1000
		});
	});
	it('leaves mail unconfigured, links on this instance and 5 MB attachments by default', () => {
		expect(readMailConfig({}, 'http://127.0.0.1:3000')).toMatchObject({ smtpUrl: undefined, publicBaseUrl: 'http://127.0.0.1:3000', attachmentLimit: 5 * 1024 * 1024 });
	});
	it('stops at start-up on a setting that cannot work', () => {
		expect(() => readMailConfig({ PACER_SMTP_URL: 'mail.example.gov.cn' }, '')).toThrow(/smtp:\/\/ or smtps:\/\//);
		expect(() => readMailConfig({ PACER_MAIL_ATTACHMENT_LIMIT: '5MB' }, '')).toThrow(/number of bytes/);
	});
});
