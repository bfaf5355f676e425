import SimKernel

/// Reads `{"distribution": "lognormal", "median": 0.05, "sigma": 0.5}` and
/// friends. The parameter names are `Distribution`'s own, so the README's
/// table and the error messages agree with the code.
extension FieldReader {
    static let distributionFields: [String: [String]] = [
        "constant": ["value"], "uniform": ["lower", "upper"], "exponential": ["mean"], "poisson": ["mean"],
        "normal": ["mean", "sigma"], "lognormal": ["median", "sigma"], "gamma": ["shape", "scale"],
        "weibull": ["scale", "shape"], "pareto": ["shape", "scale"], "bernoulli": ["probability"],
        "binomial": ["probability", "trials"], "geometric": ["probability"],
    ]

    /// The distribution in field `name`; nil when absent. `allowNone` accepts
    /// `{"distribution": "none"}` (no delay) and returns nil for it.
    func distribution(_ name: String, allowNone: Bool = false) throws(InputError) -> Distribution? {
        guard let reader = try object(name) else { return nil }
        let kind = try reader.requiredString("distribution")
        if allowNone, kind == "none" {
            try reader.only(["distribution"])
            return nil
        }
        guard let parameters = FieldReader.distributionFields[kind] else {
            let known = FieldReader.distributionFields.keys.sorted() + (allowNone ? ["none"] : [])
            let hint = FieldReader.closest(to: kind, in: known).map { "; did you mean '\($0)'?" } ?? ""
            throw reader.fail("distribution", "unknown distribution '\(kind)'\(hint)")
        }
        try reader.only(["distribution"] + parameters)
        let distribution = try reader.build(kind)
        do { try distribution.validate() } catch { throw error.in(file: file).nested(under: reader.path) }
        return distribution
    }

    private func build(_ kind: String) throws(InputError) -> Distribution {
        switch kind {
        case "constant": return .constant(try requiredDouble("value"))
        case "uniform": return .uniform(lower: try requiredDouble("lower"), upper: try requiredDouble("upper"))
        case "exponential": return .exponential(mean: try requiredDouble("mean"))
        case "poisson": return .poisson(mean: try requiredDouble("mean"))
        case "normal": return .normal(mean: try requiredDouble("mean"), sigma: try requiredDouble("sigma"))
        case "lognormal": return .lognormal(median: try requiredDouble("median"), sigma: try requiredDouble("sigma"))
        case "gamma": return .gamma(shape: try requiredDouble("shape"), scale: try requiredDouble("scale"))
        case "weibull": return .weibull(scale: try requiredDouble("scale"), shape: try requiredDouble("shape"))
        case "pareto": return .pareto(shape: try requiredDouble("shape"), scale: try requiredDouble("scale"))
        case "bernoulli": return .bernoulli(probability: try requiredDouble("probability"))
        case "binomial":
            return .binomial(probability: try requiredDouble("probability"), trials: try integer("trials", in: 0...Int(UInt32.max)))
        case "geometric": return .geometric(probability: try requiredDouble("probability"))
        default: preconditionFailure("unhandled distribution \(kind)")
        }
    }

    func requiredDistribution(_ name: String) throws(InputError) -> Distribution {
        guard let distribution = try distribution(name) else { throw fail(name, "is required") }
        return distribution
    }
}
