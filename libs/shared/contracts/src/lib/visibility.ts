import type { AppDto } from './app';
import type { Role } from './auth';
import type { ProxdeckEvent } from './events';

/**
 * What a role sees of an app. Environment values a person set (configure) may hold what they typed
 * in by hand (an API key, a mail password), so viewers see the app without them. The gateway
 * applies this to every read and every relayed event; one rule, here.
 */
export function appForRole(app: AppDto, role: Role): AppDto {
  return role === 'viewer' && Object.keys(app.env).length > 0 ? { ...app, env: {} } : app;
}

export function eventForRole(event: ProxdeckEvent, role: Role): ProxdeckEvent {
  return event.type === 'app.updated' ? { ...event, app: appForRole(event.app, role) } : event;
}
