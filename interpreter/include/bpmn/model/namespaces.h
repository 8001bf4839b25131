// The namespace URIs the model layer recognises. Elements are matched by URI,
// never by prefix: files bind `bpmn:`, `bpmn2:`, `semantic:`, `model:` or the
// default namespace to the same BPMN URI, and some bind `camunda:` to the
// Activiti URI.
#pragma once

#include <string_view>

namespace bpmn::ns {

inline constexpr std::string_view kBpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::string_view kBpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
inline constexpr std::string_view kDc = "http://www.omg.org/spec/DD/20100524/DC";
inline constexpr std::string_view kDi = "http://www.omg.org/spec/DD/20100524/DI";
inline constexpr std::string_view kXsi = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr std::string_view kXmlns = "http://www.w3.org/2000/xmlns/";
inline constexpr std::string_view kZeebe = "http://camunda.org/schema/zeebe/1.0";
inline constexpr std::string_view kCamunda = "http://camunda.org/schema/1.0/bpmn";
inline constexpr std::string_view kActiviti = "http://activiti.org/bpmn";
inline constexpr std::string_view kFlowable = "http://flowable.org/bpmn";

}  // namespace bpmn::ns
