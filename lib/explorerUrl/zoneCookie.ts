/** The cookie in which the browser tells the server the zone to lay timelines out in ("UTC" when the viewer chose UTC). */
export const ZONE_COOKIE = "parsec_viewer_zone";
