package dev.mall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.mall.ordering.control.OrderTransition;
import dev.mall.ordering.control.OrderTransitions;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.faults.CommitFaultMarkers;
import dev.mall.platform.faults.FaultInjection;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of the code (docs/ARCHITECTURE.md "Packages"), held so that it stays true. A domain is a top-level package
 * under {@code dev.mall} other than {@code platform}; each is boundary (entry points: REST resources, message-driven
 * beans, timers, startup singletons, and what other domains may call) → control (use cases) → entity (state).
 * <ul>
 * <li>The domain speaks without HTTP: no {@code jakarta.ws.rs} in control or entity code; refusals are domain
 * exceptions ({@link dev.mall.platform.domain.Refusal}) that one catalogue in {@code platform.problem} renders.</li>
 * <li>Domains talk through their boundaries: nothing outside a domain uses its control or entity classes.</li>
 * <li>No cycles between domains, nor between a domain and the platform.</li>
 * <li>Every change of an existing order goes through one template, {@link OrderTransitions}: nothing else in ordering
 * locks an order row, and the methods of {@link CustomerOrder} that move its status are used only by an
 * {@link OrderTransition} or a class that hands its change to the template.</li>
 * <li>What one domain calls in another takes typed ids ({@code platform.domain}), not several bare longs.</li>
 * <li>Fault injection stays out of use cases: only the {@link FaultInjection} interceptor, bound by
 * {@code @InjectableFaults}, injects faults.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "dev.mall", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final Pattern INNER_PACKAGE = Pattern.compile("dev\\.mall\\.([a-z]+)\\.(control|entity)(\\..*)?");
    private static final Pattern DOMAIN = Pattern.compile("dev\\.mall\\.([a-z]+)(\\..*)?");

    @ArchTest
    static final ArchRule domainSpeaksWithoutHttp = noClasses()
            .that().resideInAnyPackage("dev.mall..control..", "dev.mall..entity..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
            .because("control and entity code is HTTP-free: refusals are domain exceptions, "
                    + "rendered as problem+json by platform.problem.ProblemCatalogue");

    @ArchTest
    static final ArchRule domainsTalkThroughTheirBoundaries = classes()
            .that().resideInAPackage("dev.mall..")
            .should(new ArchCondition<JavaClass>("use no other domain's control or entity classes") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    Optional<String> own = domainOf(origin.getPackageName());
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        Matcher target = INNER_PACKAGE.matcher(dependency.getTargetClass().getPackageName());
                        if (target.matches() && !"platform".equals(target.group(1))
                                && !own.equals(Optional.of(target.group(1)))) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            })
            .because("a domain publishes in its boundary package what others may call");

    @ArchTest
    static final ArchRule noCyclesBetweenDomains = slices().matching("dev.mall.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheTransitionTemplateLocksAnOrder = noClasses()
            .that().resideInAPackage("dev.mall.ordering..").and().doNotBelongToAnyOf(OrderTransitions.class)
            .should().callMethod(EntityManager.class, "find", Class.class, Object.class, LockModeType.class)
            .orShould().callMethod(EntityManager.class, "find", Class.class, Object.class, LockModeType.class, Map.class)
            .orShould().callMethod(EntityManager.class, "lock", Object.class, LockModeType.class)
            .because("an order changes under its row lock, taken in one place: OrderTransitions");

    @ArchTest
    static final ArchRule orderStatusMovesOnlyThroughTheTemplate = classes()
            .that().resideInAPackage("dev.mall..").and().doNotBelongToAnyOf(CustomerOrder.class)
            .should(new ArchCondition<JavaClass>("use the status-changing methods of CustomerOrder only in a transition"
                    + " handed to OrderTransitions") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    JavaClass outermost = origin;
                    while (outermost.getEnclosingClass().isPresent()) {
                        outermost = outermost.getEnclosingClass().get();
                    }
                    boolean usesTemplate = origin.isAssignableTo(OrderTransition.class)
                            || outermost.getAccessesFromSelf().stream()
                            .anyMatch(access -> access.getTargetOwner().isEquivalentTo(OrderTransitions.class));
                    for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
                        if (!usesTemplate && movesOrderStatus(access)) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            })
            .because("lock → 404 → transition → publish → answer is written once, in OrderTransitions");

    @ArchTest
    static final ArchRule useCasesNeverCallFaults = noClasses()
            .that().resideOutsideOfPackage("dev.mall.platform.faults..")
            .should().dependOnClassesThat().areAssignableTo(FaultInjection.class)
            .orShould().dependOnClassesThat().areAssignableTo(CommitFaultMarkers.class)
            .because("tests fail a use case through @InjectableFaults and the FaultInjection interceptor, which acts only"
                    + " on test servers; the use case itself never mentions faults");

    @ArchTest
    static final ArchRule domainsPassTypedIds = methods()
            .that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("dev.mall..boundary..")
            .should(new ArchCondition<JavaMethod>("take at most one bare long when another domain calls them") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    long bareLongs = method.getRawParameterTypes().stream()
                            .filter(type -> type.isEquivalentTo(long.class) || type.isEquivalentTo(Long.class)).count();
                    Optional<String> own = domainOf(method.getOwner().getPackageName());
                    boolean calledFromOutside = method.getAccessesToSelf().stream()
                            .anyMatch(access -> !domainOf(access.getOriginOwner().getPackageName()).equals(own));
                    if (bareLongs > 1 && calledFromOutside) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes " + bareLongs
                                + " bare longs: pass OrderId, CustomerId, PaymentId (platform.domain)"));
                    }
                }
            })
            .because("two bare ids side by side are swapped without the compiler noticing");

    /** A use of a CustomerOrder method that changes the status (every such method goes through its private move). */
    private static boolean movesOrderStatus(JavaAccess<?> access) {
        return access.getTargetOwner().isEquivalentTo(CustomerOrder.class)
                && access.getTargetOwner().getMethods().stream()
                .filter(method -> method.getName().equals(access.getName()))
                .anyMatch(method -> method.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isEquivalentTo(CustomerOrder.class)
                                && call.getName().equals("move")));
    }

    private static Optional<String> domainOf(String packageName) {
        Matcher matcher = DOMAIN.matcher(packageName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
