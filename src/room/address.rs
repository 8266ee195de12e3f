//! Where the page is served: the laptop's address on the meeting's network (the first private
//! IPv4 address, as a hotspot or an office router gives), or the one the head names.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The port tried first, then the next few, then any the system gives.
pub const DEFAULT_PORT: u16 = 8765;
const PORTS_TRIED: u16 = 10;

/// The first private IPv4 address of this machine's interfaces, if any.
pub fn lan_address() -> Option<IpAddr> {
    let interfaces = if_addrs::get_if_addrs().ok()?;
    interfaces
        .iter()
        .filter(|i| !i.is_loopback())
        .find_map(|i| match i.ip() {
            IpAddr::V4(v4) if v4.is_private() => Some(IpAddr::V4(v4)),
            _ => None,
        })
}

/// The addresses to try, in order: the one asked for, or the LAN address (the loopback when
/// there is none) on the default port and the next ones, then any free port.
pub fn candidates(asked: Option<SocketAddr>) -> Vec<SocketAddr> {
    if let Some(addr) = asked {
        return vec![addr];
    }
    let ip = lan_address().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let mut all: Vec<SocketAddr> = (0..PORTS_TRIED)
        .map(|n| SocketAddr::new(ip, DEFAULT_PORT + n))
        .collect();
    all.push(SocketAddr::new(ip, 0));
    all
}
