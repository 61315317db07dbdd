//! Who is on the other end of a request, as limits count them (server only).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The client's address for counting: the connection's peer, or, when the
/// peer is the operator's trusted proxy, the address that proxy added last
/// (see [`resolve`]). An IPv6 client counts per /64, the block one household
/// or phone gets, so that cycling through its addresses changes nothing.
pub fn client_address() -> String {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return "onbekend".to_string();
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let Some(state) = leptos::prelude::use_context::<crate::state::AppState>() else {
        return "onbekend".to_string();
    };
    let proxy = Proxy::of(&state.settings);
    match resolve(peer, proxy, &parts.headers) {
        Some(address) => counted_as(address),
        None => "onbekend".to_string(),
    }
}

/// Which header the trusted proxy writes the client's address into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProxyHeader {
    /// `X-Forwarded-For`, appended to (nginx) or added as a line of its own
    /// (HAProxy's default): every line is read.
    #[default]
    XForwardedFor,
    /// `Forwarded: for=…` (RFC 7239).
    Forwarded,
}

impl ProxyHeader {
    pub fn parse(text: &str) -> Option<ProxyHeader> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "x-forwarded-for" => Some(ProxyHeader::XForwardedFor),
            "forwarded" => Some(ProxyHeader::Forwarded),
            _ => None,
        }
    }
}

/// The operator's proxy, if any, and the header it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proxy {
    pub address: Option<IpAddr>,
    pub header: ProxyHeader,
}

impl Proxy {
    pub fn of(settings: &crate::settings::Settings) -> Proxy {
        Proxy {
            address: settings.trusted_proxy,
            header: settings.proxy_header,
        }
    }
}

/// The address to count. A request from anyone but the trusted proxy counts
/// as its peer, whatever its headers say. From the proxy: the right-most
/// address in its header, over every line of it, since that is the one the
/// proxy added; everything before it the client may have written. A proxy
/// that added nothing readable counts as itself.
pub fn resolve(peer: Option<IpAddr>, proxy: Proxy, headers: &http::HeaderMap) -> Option<IpAddr> {
    let peer = peer?;
    if proxy.address != Some(peer) {
        return Some(peer);
    }
    Some(added_by_proxy(proxy.header, headers).unwrap_or(peer))
}

/// The right-most client address in the proxy's header, over all its lines.
pub fn added_by_proxy(header: ProxyHeader, headers: &http::HeaderMap) -> Option<IpAddr> {
    let name = match header {
        ProxyHeader::XForwardedFor => "x-forwarded-for",
        ProxyHeader::Forwarded => "forwarded",
    };
    let last = headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap_or(""))
        .flat_map(|line| line.split(','))
        .next_back()?;
    match header {
        ProxyHeader::XForwardedFor => last.trim().parse().ok(),
        ProxyHeader::Forwarded => forwarded_for(last),
    }
}

/// The address of one `Forwarded` element's `for=` (quoted, with a port,
/// IPv6 in brackets); `None` for "unknown" and obfuscated names.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    let value = element.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("for")
            .then(|| value.trim().trim_matches('"'))
    })?;
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    value
        .parse()
        .ok()
        .or_else(|| value.split(':').next()?.parse().ok())
}

/// IPv4 as it is; IPv6 as its /64 network.
pub fn counted_as(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_count_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        assert_eq!(counted_as(a), "2001:db8:1:2::/64");
        assert_eq!(counted_as(a), counted_as(b));
        assert_eq!(counted_as("192.0.2.7".parse().unwrap()), "192.0.2.7");
        assert_eq!(counted_as("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
    }

    fn headers(lines: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in lines {
            map.append(*name, http::HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_the_trusted_proxy_may_name_the_client() {
        let proxy_address: IpAddr = "10.0.0.2".parse().unwrap();
        let proxy = Proxy {
            address: Some(proxy_address),
            header: ProxyHeader::XForwardedFor,
        };
        let client: IpAddr = "198.51.100.9".parse().unwrap();
        let other: IpAddr = "203.0.113.5".parse().unwrap();
        let forwarded = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.9")]);
        // Through the proxy: the last address it appended.
        assert_eq!(
            resolve(Some(proxy_address), proxy, &forwarded),
            Some(client)
        );
        // Anyone else's header is ignored, and so is every header without a proxy set.
        let forged = headers(&[("x-forwarded-for", "1.2.3.4")]);
        assert_eq!(resolve(Some(other), proxy, &forged), Some(other));
        let none = Proxy {
            address: None,
            header: ProxyHeader::XForwardedFor,
        };
        assert_eq!(resolve(Some(other), none, &forged), Some(other));
        // A proxy that sent nothing readable counts as itself.
        let nonsense = headers(&[("x-forwarded-for", "nonsense")]);
        assert_eq!(
            resolve(Some(proxy_address), proxy, &nonsense),
            Some(proxy_address)
        );
    }

    #[test]
    fn a_proxy_that_adds_a_line_of_its_own_is_read_on_its_line_not_the_clients() {
        let proxy_address: IpAddr = "10.0.0.2".parse().unwrap();
        let proxy = Proxy {
            address: Some(proxy_address),
            header: ProxyHeader::XForwardedFor,
        };
        // HAProxy's default: the client's own line first, the proxy's added below it.
        let two_lines = headers(&[
            ("x-forwarded-for", "::1"),
            ("x-forwarded-for", "198.51.100.9"),
        ]);
        assert_eq!(
            resolve(Some(proxy_address), proxy, &two_lines),
            Some("198.51.100.9".parse().unwrap())
        );
        let appended = headers(&[("x-forwarded-for", "::1, 127.0.0.1, 198.51.100.9")]);
        assert_eq!(
            resolve(Some(proxy_address), proxy, &appended),
            Some("198.51.100.9".parse().unwrap())
        );
    }

    #[test]
    fn a_forwarded_proxy_is_read_by_its_last_for() {
        let proxy_address: IpAddr = "10.0.0.2".parse().unwrap();
        let proxy = Proxy {
            address: Some(proxy_address),
            header: ProxyHeader::Forwarded,
        };
        let cases = [
            ("for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60"),
            (r#"for="[2001:db8:cafe::17]:4711""#, "2001:db8:cafe::17"),
            (r#"for="192.0.2.43:47011""#, "192.0.2.43"),
            ("for=127.0.0.1, for=198.51.100.9", "198.51.100.9"),
        ];
        for (line, expected) in cases {
            let map = headers(&[("forwarded", line)]);
            assert_eq!(
                resolve(Some(proxy_address), proxy, &map),
                Some(expected.parse().unwrap()),
                "{line}"
            );
        }
        // Two lines: the proxy's own is the last.
        let map = headers(&[
            ("forwarded", "for=127.0.0.1"),
            ("forwarded", "for=198.51.100.9"),
        ]);
        assert_eq!(
            resolve(Some(proxy_address), proxy, &map),
            Some("198.51.100.9".parse().unwrap())
        );
        // The other header is not this proxy's: written by the client, ignored.
        let map = headers(&[("x-forwarded-for", "127.0.0.1")]);
        assert_eq!(
            resolve(Some(proxy_address), proxy, &map),
            Some(proxy_address)
        );
        let map = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(
            resolve(Some(proxy_address), proxy, &map),
            Some(proxy_address)
        );
    }
}
