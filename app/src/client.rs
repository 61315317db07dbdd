//! Who is on the other end of a request, as limits count them (server only).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The client's address for counting: the connection's peer, or, when the
/// peer is the operator's trusted proxy, the address that proxy put last in
/// `X-Forwarded-For`. An IPv6 client counts per /64, the block one household
/// or phone gets, so that cycling through its addresses changes nothing.
pub fn client_address() -> String {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return "onbekend".to_string();
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let trusted_proxy = crate::state::app_state()
        .ok()
        .and_then(|state| state.settings.trusted_proxy);
    let forwarded = parts
        .headers
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok());
    match resolve(peer, trusted_proxy, forwarded) {
        Some(address) => counted_as(address),
        None => "onbekend".to_string(),
    }
}

/// The address to count, from the peer, the trusted proxy and the header.
pub fn resolve(
    peer: Option<IpAddr>,
    trusted_proxy: Option<IpAddr>,
    forwarded_for: Option<&str>,
) -> Option<IpAddr> {
    let peer = peer?;
    if trusted_proxy != Some(peer) {
        return Some(peer);
    }
    // The proxy appends the address it saw; anything before it the client wrote.
    let last = forwarded_for.and_then(|header| header.rsplit(',').next());
    Some(
        last.and_then(|text| text.trim().parse().ok())
            .unwrap_or(peer),
    )
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

    #[test]
    fn only_the_trusted_proxy_may_name_the_client() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let client: IpAddr = "198.51.100.9".parse().unwrap();
        let other: IpAddr = "203.0.113.5".parse().unwrap();
        // Through the proxy: the last address it appended.
        assert_eq!(
            resolve(Some(proxy), Some(proxy), Some("1.2.3.4, 198.51.100.9")),
            Some(client)
        );
        // Anyone else's header is ignored, and so is every header without a proxy set.
        assert_eq!(
            resolve(Some(other), Some(proxy), Some("1.2.3.4")),
            Some(other)
        );
        assert_eq!(resolve(Some(other), None, Some("1.2.3.4")), Some(other));
        // A proxy that sent nothing readable counts as itself.
        assert_eq!(
            resolve(Some(proxy), Some(proxy), Some("nonsense")),
            Some(proxy)
        );
    }
}
