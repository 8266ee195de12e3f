//! The bloc's signed reports. So far: the head's signing key ([`keys`]).

pub mod keys;
