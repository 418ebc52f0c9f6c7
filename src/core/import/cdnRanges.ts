// Address ranges of CDNs whose edge servers connect to the shop on the client's behalf. Behind such a CDN the
// connecting address is the edge, and the client is named by the CDN's own header (CF-Connecting-IP,
// True-Client-IP). These ranges are trusted proxies by default.
// Publisher: Cloudflare (www.cloudflare.com/ips-v4 and /ips-v6), snapshot of 2026-05-05 taken from
// github.com/sefinek/known-bots-ip-whitelist (MIT), lists/cloudflare/ips.txt. Refresh when Cloudflare publishes changes.
export const CDN_RANGES = {
  publisher: 'Cloudflare',
  source: 'https://www.cloudflare.com/ips/',
  date: '2026-05-05',
  ranges: [
    '103.21.244.0/22', '103.22.200.0/22', '103.31.4.0/22', '104.16.0.0/13', '104.24.0.0/14', '108.162.192.0/18',
    '131.0.72.0/22', '141.101.64.0/18', '162.158.0.0/15', '172.64.0.0/13', '173.245.48.0/20', '188.114.96.0/20',
    '190.93.240.0/20', '197.234.240.0/22', '198.41.128.0/17', '2400:cb00::/32', '2405:8100::/32', '2405:b500::/32',
    '2606:4700::/32', '2803:f800::/32', '2a06:98c0::/29', '2c0f:f248::/32',
  ],
} as const;
