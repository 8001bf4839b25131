// Decimal: the FEEL number, a decimal floating point value with 34
// significant digits (the precision of IEEE 754-2008 decimal128 that DMN 1.4
// §10.3.2.3.1 asks for), rounded half-even. Decimal arithmetic is what makes
// `0.1 + 0.2 = 0.3` true, which binary doubles cannot.
//
// value = (negative ? -1 : 1) * coefficient * 10^exponent, with the
// coefficient below 10^34 and without trailing zeros (so equal values have
// equal representations). Division by zero and results out of range are
// reported as std::nullopt (FEEL's null), never as an exception. Plain value;
// safe to copy between threads.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpmn::feel {

__extension__ typedef unsigned __int128 Uint128;

class Decimal {
 public:
  static constexpr int kDigits = 34;
  // Exponents beyond this range make a result null rather than inexact.
  static constexpr int kMaxExponent = 6144;

  Decimal() = default;
  Decimal(std::int64_t value);  // NOLINT: integers convert implicitly

  // "12", "-0.5", "1.2e3", ".5"; surrounding spaces are not allowed.
  static std::optional<Decimal> parse(std::string_view text);
  // sign * coefficient * 10^exponent; the coefficient must be below 10^34.
  static Decimal fromParts(bool negative, Uint128 coefficient, int exponent);
  // The shortest decimal that reads back as `value` (17 digits at most);
  // null for NaN and infinities.
  static std::optional<Decimal> fromDouble(double value);

  bool isZero() const { return coefficient_ == 0; }
  bool isNegative() const { return negative_ && coefficient_ != 0; }
  bool isInteger() const { return exponent_ >= 0 || coefficient_ == 0; }
  int exponent() const { return exponent_; }
  // The value as an integer when it is one and fits.
  std::optional<std::int64_t> toInt64() const;
  double toDouble() const;
  // Plain notation, never an exponent: "1000", "-0.25", "0".
  std::string toString() const;
  // Equal values hash alike (1.0 and 1, 0 and -0), whatever their scale.
  std::size_t hash() const;

  Decimal operator-() const;
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  // Null when `divisor` is zero.
  static std::optional<Decimal> divide(const Decimal& dividend, const Decimal& divisor);
  // FEEL modulo: the result has the divisor's sign (floored division).
  static std::optional<Decimal> modulo(const Decimal& dividend, const Decimal& divisor);
  // Integer powers exactly (to 34 digits); others through the square root
  // or, failing that, binary floating point.
  static std::optional<Decimal> power(const Decimal& base, const Decimal& exponent);
  static std::optional<Decimal> sqrt(const Decimal& value);

  enum class Rounding { kHalfEven, kHalfUp, kHalfDown, kUp, kDown, kFloor, kCeiling };
  // Rounds to `scale` digits after the point (negative: before it).
  Decimal rounded(int scale, Rounding mode) const;

  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

 private:
  Decimal(bool negative, Uint128 coefficient, int exponent);
  void normalize();

  Uint128 coefficient_ = 0;
  int exponent_ = 0;
  bool negative_ = false;
};

}  // namespace bpmn::feel
