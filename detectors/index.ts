/**
 * The registry: every detector the runner applies, in order. Adding a detector is adding its
 * file and one line here (no discovery by reflection).
 */
import { chatWidget } from './chat-widget.ts';
import { communityForum } from './community-forum.ts';
import { contactForm } from './contact-form.ts';
import type { Detector } from './detector.ts';
import { emailAddressDetector } from './email-address.ts';
import { helpCenter } from './help-center.ts';
import { messagingAppDetector } from './messaging-app.ts';
import { mobileAppDetector } from './mobile-app.ts';
import { phoneNumberDetector } from './phone-number.ts';
import { secureMessaging } from './secure-messaging.ts';
import { socialAccountDetector } from './social-account.ts';

export const detectors: Detector[] = [
  phoneNumberDetector,
  emailAddressDetector,
  socialAccountDetector,
  messagingAppDetector,
  mobileAppDetector,
  chatWidget,
  helpCenter,
  contactForm,
  communityForum,
  secureMessaging,
];
