import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const whatsapp = {
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  WHATSAPP_ACCESS_TOKEN: 'EAAJB',
  WHATSAPP_APP_SECRET: 'secret',
  WHATSAPP_VERIFY_TOKEN: 'verify',
};

describe('configuration of the messages to customers', () => {
  it('writes messages to the log when no channel is listed', () => {
    expect(loadConfig({}).messages).toEqual({ channels: [], httpTimeoutSeconds: 10, whatsappWebhook: undefined });
  });

  it("takes the channels in MESSAGE_CHANNELS' order, each with its settings and default API address", () => {
    const { messages } = loadConfig({
      MESSAGE_CHANNELS: 'whatsapp, sms',
      ...whatsapp,
      SMS_ACCOUNT_SID: 'AC01',
      SMS_AUTH_TOKEN: 'token',
      SMS_FROM: '+15017122661',
    });
    expect(messages.channels.map((channel) => channel.name)).toEqual(['whatsapp', 'sms']);
    expect(messages.channels[0]?.settings).toMatchObject({ apiUrl: 'https://graph.facebook.com/v21.0' });
    expect(messages.channels[1]?.settings).toMatchObject({ apiUrl: 'https://api.twilio.com', from: '+15017122661' });
    expect(messages.whatsappWebhook).toEqual({ appSecret: 'secret', verifyToken: 'verify' });
  });

  it('refuses to start with a listed channel that lacks a setting, naming each missing variable', () => {
    expect(() => loadConfig({ MESSAGE_CHANNELS: 'sms,email', SMS_ACCOUNT_SID: 'AC01', SMTP_FROM: 'a@b.id' })).toThrow(
      /SMS_AUTH_TOKEN: is required when MESSAGE_CHANNELS lists sms[\s\S]*SMS_FROM: is required[\s\S]*SMTP_URL: is required when MESSAGE_CHANNELS lists email/,
    );
  });

  it('refuses an unknown or repeated channel, and an SMTP_URL that is not smtp:// or smtps://', () => {
    expect(() => loadConfig({ MESSAGE_CHANNELS: 'whatsapp,fax' })).toThrow(/MESSAGE_CHANNELS.*whatsapp, sms, email/);
    expect(() => loadConfig({ MESSAGE_CHANNELS: 'sms,sms' })).toThrow(/names a channel twice/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.id' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });
});
