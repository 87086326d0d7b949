/** What a reveal answers: the full contact details (shared by the route and the page). */
export interface RevealedContact {
  email: string;
  phoneNumber: string;
}
